"""The conversation's running summary: what the recent messages no longer hold, kept short.

With Claude it is a written summary (one call every few turns); without a model it is the older lines
themselves, shortened, newest kept within bounds.
"""

import anthropic
from anthropic.types import UserMessageParam
from temporalio.exceptions import ApplicationError

SUMMARY_CHARS = 1500
LINE_CHARS = 200
SUMMARY_MAX_TOKENS = 400
SUMMARY_PROMPT = (
    "Resume en español, en pocas frases, lo importante de esta conversación entre Maite (la asistenta "
    "virtual de un salón) y una clienta: quién es, qué quiere, qué se le ha ofrecido o reservado (servicios, "
    "fechas, estilista, precios) y lo que queda pendiente. Solo el resumen, sin saludos."
)


def digest(summary: str, lines: list[str]) -> str:
    joined = "\n".join([summary, *(line[:LINE_CHARS] for line in lines)]).strip()
    return joined[-SUMMARY_CHARS:]


async def summarize_with_claude(client: anthropic.AsyncAnthropic, model: str, *, summary: str, lines: list[str]) -> str:
    earlier = f"Resumen anterior:\n{summary}\n\n" if summary else ""
    try:
        message = await client.messages.create(
            model=model,
            max_tokens=SUMMARY_MAX_TOKENS,
            system=SUMMARY_PROMPT,
            messages=[UserMessageParam(role="user", content=earlier + "Mensajes:\n" + "\n".join(lines))],
        )
    except (anthropic.BadRequestError, anthropic.AuthenticationError, anthropic.PermissionDeniedError) as error:
        raise ApplicationError(str(error), type="PromptRejected", non_retryable=True) from error
    text = "".join(block.text for block in message.content if block.type == "text").strip()
    return text[:SUMMARY_CHARS] or digest(summary, lines)
