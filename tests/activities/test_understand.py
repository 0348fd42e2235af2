"""The understanding activity: rules by default, Claude (forced tool use) when configured."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import anthropic
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from activities.understanding.schema import Intent
from activities.understanding.understander import ClaudeConfig, Understander, UnderstandInput
from models.runtime.db import session_factory
from models.seeding.salon_file import apply_salon, read_salon_file
from tests.fakes.anthropic_api import MessagesFake, running_messages_fake
from tests.fakes.http_fake import Response

TODAY = date(2026, 11, 24)
EXAMPLE_SALON = Path(__file__).parents[2] / "deploy" / "salons" / "example.toml"


@pytest.fixture
def fake() -> Iterator[MessagesFake]:
    with running_messages_fake() as fake:
        yield fake


def _claude(db: AsyncEngine, fake: MessagesFake) -> Understander:
    client = anthropic.AsyncAnthropic(api_key="test-key", base_url=fake.base_url, max_retries=0)
    return Understander(session_factory(db), ClaudeConfig(client, "claude-sonnet-5-5"))


async def test_rules_read_the_catalogue_from_the_database(db: AsyncEngine) -> None:
    understood = await Understander(session_factory(db)).understand_message(
        UnderstandInput("atrevete", "quiero mechas el jueves a las 5", TODAY)
    )
    result = understood.understanding
    assert understood.by == "rules"
    assert (result.intent, result.services, result.day, result.time) == (
        Intent.BOOKING,
        ["Mechas"],
        date(2026, 11, 26),
        "17:00",
    )


@pytest.mark.parametrize(
    ("business", "text", "services"),
    [
        ("atrevete", "me apetecen unos reflejos para el sábado", ["Mechas"]),
        ("atrevete", "quiero hacerme las uñas", ["Manicura"]),
        ("atrevete", "necesito teñirme las canas", ["Tinte"]),
        ("barberia-sol", "me arreglas la barba mañana?", ["Arreglo de barba"]),
        ("barberia-sol", "un degradado por los lados", ["Corte"]),
        # Each business's words are its own: the demo salon's are not the barbershop's, nor the other way.
        ("barberia-sol", "quiero reflejos", []),
        ("atrevete", "un degradado por los lados", []),
    ],
)
async def test_each_business_is_understood_in_its_own_words(
    db: AsyncEngine, business: str, text: str, services: list[str]
) -> None:
    await apply_salon(db, read_salon_file(EXAMPLE_SALON))
    understood = await Understander(session_factory(db)).understand_message(UnderstandInput(business, text, TODAY))
    assert understood.understanding.services == services


async def test_claude_is_forced_to_call_the_tool_with_the_catalogue(db: AsyncEngine, fake: MessagesFake) -> None:
    fake.answer_with(
        {
            "intent": "booking",
            "services": ["Mechas", "Unicornio"],
            "day": "2026-11-26",
            "time": "17:00",
            "staff": "Nadie",
        }
    )
    understood = await _claude(db, fake).understand_message(
        UnderstandInput("atrevete", "mechas el jueves a las 5", TODAY)
    )
    result = understood.understanding
    assert understood.by == "claude"
    assert (result.intent, result.services, result.day, result.staff) == (
        Intent.BOOKING,
        ["Mechas"],
        date(2026, 11, 26),
        None,  # names outside the catalogue are dropped
    )
    (request,) = fake.requests
    body = request.json()
    assert body["tool_choice"] == {"type": "tool", "name": "record_understanding"}
    assert "Consulta gratuita" in body["system"] and "Atrévete Peluquería" in body["system"]
    assert "Mechas (también: mecha, reflejos" in body["system"]  # the business's own words, for the model too
    assert body["messages"] == [{"role": "user", "content": "mechas el jueves a las 5"}]
    assert "test-key" in (request.headers.get("x-api-key", "") + request.headers.get("authorization", ""))


async def test_claude_flags_a_medical_question(db: AsyncEngine, fake: MessagesFake) -> None:
    fake.answer_with({"intent": "medical", "medical": True})
    result = (
        await _claude(db, fake).understand_message(
            UnderstandInput("atrevete", "estoy embarazada, ¿puedo teñirme?", TODAY)
        )
    ).understanding
    assert (result.intent, result.medical) == (Intent.MEDICAL, True)


async def test_a_rejected_prompt_is_answered_by_the_rules_and_an_overload_only_once_the_customer_waited(
    db: AsyncEngine, fake: MessagesFake
) -> None:
    understander = _claude(db, fake)
    message = UnderstandInput("atrevete", "quiero un corte el jueves a las 5", TODAY)
    fake.failures.append(Response(400, {"type": "error", "error": {"type": "invalid_request_error", "message": "x"}}))
    refused = await understander.understand_message(message)
    assert refused.by == "rules_fallback"
    assert (refused.understanding.intent, refused.understanding.services) == (Intent.BOOKING, ["Corte"])

    overloaded = Response(529, {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}})
    fake.failures.append(overloaded)
    with pytest.raises(anthropic.APIStatusError):  # early on, the activity's retries are worth it
        await understander.understand_message(message)
    fake.failures.append(overloaded)
    waited = await understander.understand_message(message, fall_back=True)
    assert waited.by == "rules_fallback" and waited.understanding.time == "17:00"


async def test_a_summary_falls_back_to_the_digest(db: AsyncEngine, fake: MessagesFake) -> None:
    understander = _claude(db, fake)
    fake.failures.append(Response(500, {"type": "error", "error": {"type": "api_error", "message": "down"}}))
    with pytest.raises(anthropic.APIStatusError):
        await understander.summarize("", ["lucía: hola"])
    fake.failures.append(Response(500, {"type": "error", "error": {"type": "api_error", "message": "down"}}))
    assert await understander.summarize("antes", ["lucía: hola"], fall_back=True) == "antes\nlucía: hola"
