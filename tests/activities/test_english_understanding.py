"""English understanding: which messages are English, and what English messages mean (the Spanish rules' result,
with language "en"), through `rules.understand` as the understander calls it."""

from datetime import date
from pathlib import Path

import pytest

from activities.understanding.english import is_english
from activities.understanding.rules import understand
from activities.understanding.schema import Catalog, Intent, PartOfDay, Understanding
from models.seeding.salon_file import read_salon_file
from tests.activities.test_rules_understanding import CATALOG

TODAY = date(2026, 11, 24)  # a Tuesday
EXAMPLE_SALON = Path(__file__).parents[2] / "deploy" / "salons" / "example.toml"


def read(text: str, catalog: Catalog = CATALOG) -> Understanding:
    return understand(text, today=TODAY, catalog=catalog)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I would like to book a haircut",
        "hello",
        "Hello!",
        "thanks a lot",
        "Thank you so much 😊",
        "Can I get highlights tomorrow?",
        "when is my appointment?",
        "I'm running 10 minutes late",
        "do you have any free slots this weekend?",
        "the second one",
        "yes please",
        "how much is a manicure?",
        "what time do you open on Saturday",
        "my name is Laura",
    ],
)
def test_english_messages_are_english(text: str) -> None:
    assert is_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "Ok",
        "hi",
        "no",
        "bye",
        "please",
        "2",
        "Laura",
        "STOP",
        "quiero cita para mañana please",
        "hola, ok, gracias!",
        "vale ok bye",
        "quiero hacerme las nails",
        "tienes hueco para un blowout el viernes?",
        "me pones las uñas de gel? thanks",
        "la segunda, thank you",
        "Quiero pedir cita para mechas",
        "a las 5 de la tarde",
    ],
)
def test_spanish_and_ambiguous_messages_are_not_english(text: str) -> None:
    assert not is_english(text)


PHRASINGS: dict[Intent, list[str]] = {
    Intent.GREETING: ["hello", "Hello there!", "good morning", "hey, how is it going with you"],
    Intent.BOOKING: [
        "Hi, I would like to book a haircut",
        "can I book highlights for Friday?",
        "do you have any availability tomorrow afternoon?",
        "I need my roots done",
        "I want a manicure and a pedicure",
        "looking for a slot next week for a blow-dry",
        "could you fit me in for a trim today?",
    ],
    Intent.FAQ: [
        "what are your opening hours?",
        "where are you?",
        "what's the address",
        "is there parking nearby?",
        "can I pay by card?",
        "what is your cancellation policy?",
    ],
    Intent.CATALOGUE: ["how much is a haircut?", "what are your prices?", "what services do you offer?"],
    Intent.MY_BOOKINGS: ["when is my appointment?", "What time is my booking tomorrow?", "do I have an appointment"],
    Intent.MODIFY: [
        "can I change my appointment to Thursday?",
        "I need to move my booking",
        "could we reschedule please",
        "is another day possible for my appointment",
    ],
    Intent.CANCEL: [
        "I want to cancel my appointment",
        "please cancel my booking",
        "I won't be able to make it tomorrow, sorry",
    ],
    Intent.RUNNING_LATE: [
        "I'm running 10 minutes late",
        "sorry, I will be a bit late",
        "stuck in traffic, I'll be there in 15 min",
    ],
    Intent.PAYMENT_PROBLEM: ["I can't pay, the link doesn't work", "my card was declined", "the payment failed"],
    Intent.MEDICAL: ["I'm pregnant, can I get my hair dyed?", "I have an allergy to some dyes, is that a problem?"],
    Intent.HUMAN: ["can I talk to a real person?", "I want to speak to the manager please"],
    Intent.INDECISION: ["I don't know what to get", "what would you recommend for my hair?"],
    Intent.ANSWER: [
        "yes please",
        "the second one",
        "the 5pm one",
        "my name is Laura",
        "I will take option 3",
        "yeah sure",
    ],
    Intent.SMALL_TALK: ["thanks a lot", "thank you so much!", "no thanks, that's all"],
    Intent.UNCLEAR: ["what about the thing with the stuff in the other one"],
}


@pytest.mark.parametrize(("intent", "text"), [(i, t) for i, texts in PHRASINGS.items() for t in texts])
def test_intent(intent: Intent, text: str) -> None:
    understood = read(text)
    assert understood.language == "en", text
    assert understood.intent == intent, text


def test_opt_out_and_opt_in() -> None:
    assert read("stop messaging me").intent == Intent.OPT_OUT
    assert read("unsubscribe").intent == Intent.OPT_OUT
    assert read("START").intent == Intent.OPT_IN
    # STOP alone is everybody's: the Spanish rules opt out the customer and the conversation stays Spanish.
    assert read("STOP").intent == Intent.OPT_OUT
    assert read("STOP").language == "es"


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("what are your opening hours?", ["hours"]),
        ("what's the address?", ["address"]),
        ("where can I park my car?", ["parking"]),
        ("do you take card or cash?", ["payment"]),
        ("if I cancel, do I get a refund?", ["cancellation"]),
    ],
)
def test_faq_topics(text: str, topics: list[str]) -> None:
    assert sorted(read(text).faq_topics) == sorted(topics)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("can I come today", date(2026, 11, 24)),
        ("a haircut tomorrow please", date(2026, 11, 25)),
        ("is the day after tomorrow free?", date(2026, 11, 26)),
        ("do you have anything on Friday", date(2026, 11, 27)),
        ("I would like to come on Tuesday", date(2026, 12, 1)),
        ("any slots this weekend?", date(2026, 11, 28)),
        ("can I book for next week", date(2026, 11, 30)),
        ("can I come on the 15th?", date(2026, 12, 15)),
        ("is the 28th free for a trim", date(2026, 11, 28)),
        ("I want highlights on December 9", date(2026, 12, 9)),
        ("book me for 3rd of January please", date(2027, 1, 3)),
    ],
)
def test_days(text: str, day: date) -> None:
    assert read(text).day == day


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("can I come at 5pm", "17:00"),
        ("tomorrow at 5:30 please", "17:30"),
        ("is 11:15 ok for you", "11:15"),
        ("at 5 would be perfect", "17:00"),
        ("at 11 please", "11:00"),
        ("10am tomorrow?", "10:00"),
        ("can I come at noon", "12:00"),
        ("around half past 4 would be great", "16:30"),
        ("I can be there at 6 o'clock", "18:00"),
    ],
)
def test_times(text: str, time: str) -> None:
    assert read(text).time == time


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("a haircut tomorrow morning please", PartOfDay.MORNING),
        ("I can only do afternoons, can I book", PartOfDay.AFTERNOON),
        ("this evening for a blow-dry?", PartOfDay.AFTERNOON),
        ("any time except in the morning for my appointment", PartOfDay.AFTERNOON),
    ],
)
def test_parts_of_day(text: str, part: PartOfDay) -> None:
    assert read(text).part_of_day == part


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("I'd like a haircut", ["Corte"]),
        ("just a trim please, I would like one", ["Corte"]),
        ("I want highlights", ["Mechas"]),
        ("I need to dye my hair", ["Tinte"]),
        ("can I get my roots done", ["Tinte"]),
        ("I want a blow-dry for a wedding", ["Peinado"]),
        ("keratin treatment please, I would like it", ["Tratamiento de keratina"]),
        ("a kids haircut for my son", ["Corte infantil"]),
        ("I would like to have my nails done", ["Manicura"]),
        ("can I get gel nails", ["Manicura semipermanente"]),
        ("I want a manicure and a pedicure", ["Manicura", "Pedicura"]),
        ("I need my eyebrows done", ["Depilación de cejas"]),
        ("can I book a leg wax", ["Depilación piernas completas"]),
        ("I would like a facial", ["Limpieza facial"]),
    ],
)
def test_services_from_the_catalogue_aliases(text: str, services: list[str]) -> None:
    assert read(text).services == services


def test_the_barbers_english_aliases() -> None:
    salon = read_salon_file(EXAMPLE_SALON)
    catalog = Catalog(
        services=[s.name for s in salon.services],
        staff=[s.name for s in salon.staff],
        aliases={s.name: list(s.aliases) for s in salon.services},
    )
    assert read("I would like a beard trim and a fade", catalog).services == ["Corte", "Arreglo de barba"]
    assert read("can I get a shave tomorrow", catalog).services == ["Arreglo de barba"]


def test_staff_party_and_people() -> None:
    staff = CATALOG.staff[0]
    assert read(f"can I book with {staff} on Friday?").staff == staff
    together = read("a haircut for me and my daughter please")
    assert (together.party_size, together.beneficiary) == (2, "daughter")
    for_her = read("I would like to book highlights for my mum")
    assert (for_her.party_size, for_her.beneficiary) == (1, "my mum")


def test_options_and_answers() -> None:
    assert read("the second one").option == 2
    assert read("the last one please").option == -1
    assert read("the 5pm one").time == "17:00"
    assert read("yes please").yes is True
    assert read("no thanks, that's all").yes is False
    assert read("I'm running 10 minutes late").delay_minutes == 10
