"""Understanding with Claude: one forced tool call per turn that returns the same Understanding schema."""

from datetime import date
from pathlib import Path
from typing import Any

import anthropic
from anthropic.types import ToolChoiceToolParam, ToolParam, UserMessageParam
from pydantic import TypeAdapter
from temporalio.exceptions import ApplicationError

from activities.understanding.schema import Catalog, Intent, Understanding
from models.localtime import WEEKDAYS

PROMPT = Path(__file__).parent / "prompts" / "maite_understanding.md"
TOOL_NAME = "record_understanding"
MAX_TOKENS = 1024
UNDERSTANDING = TypeAdapter(Understanding)


def tool_schema() -> ToolParam:
    """The tool's input schema is the Understanding dataclass's own JSON schema."""
    schema: dict[str, Any] = UNDERSTANDING.json_schema()
    return ToolParam(name=TOOL_NAME, description="Registra lo que dice el mensaje.", input_schema=schema)


def system_prompt(*, business: str, catalog: Catalog, today: date) -> str:
    return PROMPT.read_text(encoding="utf-8").format(
        business=business,
        intents=", ".join(i.value for i in Intent),
        services=", ".join(_named(service, catalog.aliases.get(service, [])) for service in catalog.services),
        staff=", ".join(catalog.staff),
        today=today.isoformat(),
        weekday=WEEKDAYS[today.weekday()],
        topics="; ".join(f"{topic} ({', '.join(words)})" for topic, words in catalog.faq_keywords.items()),
    )


def _named(service: str, aliases: list[str]) -> str:
    """'Mechas (también: reflejos)': the model learns the business's words, and answers with the name."""
    words = ", ".join(alias.rstrip("*") for alias in aliases)
    return f"{service} (también: {words})" if aliases else service


def user_message(text: str, context: list[str]) -> str:
    """The new message alone, or after the conversation so far when there is one."""
    if not context:
        return text
    history = "\n".join(context)
    return f"Conversación hasta ahora:\n{history}\n\nÚltimo mensaje de la clienta:\n{text}"


async def understand_with_claude(
    client: anthropic.AsyncAnthropic,
    model: str,
    *,
    text: str,
    business: str,
    catalog: Catalog,
    today: date,
    context: list[str],
) -> Understanding:
    """4xx from the API is final; overload, 5xx and network errors raise for the activity's retries."""
    try:
        message = await client.messages.create(
            model=model,
            max_tokens=MAX_TOKENS,
            system=system_prompt(business=business, catalog=catalog, today=today),
            messages=[UserMessageParam(role="user", content=user_message(text, context))],
            tools=[tool_schema()],
            tool_choice=ToolChoiceToolParam(type="tool", name=TOOL_NAME),
        )
    except (anthropic.BadRequestError, anthropic.AuthenticationError, anthropic.PermissionDeniedError) as error:
        raise ApplicationError(str(error), type="PromptRejected", non_retryable=True) from error
    call = next((block for block in message.content if block.type == "tool_use"), None)
    if call is None:
        raise ApplicationError("Claude answered without the tool call", type="NoToolCall")
    understanding = UNDERSTANDING.validate_python(call.input)
    # Whatever the model says, only catalogue names go further.
    understanding.services = [s for s in understanding.services if s in catalog.services]
    understanding.staff = understanding.staff if understanding.staff in catalog.staff else None
    understanding.faq_topics = [t for t in understanding.faq_topics if t in catalog.faq_keywords]
    return understanding
