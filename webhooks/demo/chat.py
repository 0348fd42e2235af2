"""The demo API: write as a customer without WhatsApp, read the transcript Maite produced."""

import asyncio
import uuid
from datetime import datetime
from functools import cache
from html import escape
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, status
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import AfterValidator, BaseModel, Field
from temporalio.client import WorkflowUpdateRPCTimeoutOrCancelledError

from models.enums import Channel, Direction
from models.queries import booking_workflow_ids, conversation_messages
from webhooks.channels.conversations import customer_conversation_id, deliver_message
from webhooks.channels.phones import to_e164
from webhooks.deps import SessionDep, SettingsDep, TemporalDep
from webhooks.rate_limit import per_address, rate_limits
from workflows.conversation.types import InboundMessage
from workflows.conversation.workflow import ConversationWorkflow

router = APIRouter(prefix="/demo", tags=["demo"], dependencies=[Depends(per_address)])

# Long enough for a turn with an LLM call; a slower turn still completes, the caller just stops waiting.
WAIT_TIMEOUT_SECONDS = 20.0

CONSOLE_ID_PREFIX = "console:"

E164Phone = Annotated[str, AfterValidator(to_e164)]

DEMO_PAGE = FilePath(__file__).parents[1] / "static" / "demo.html"
DEMO_SCRIPT = FilePath(__file__).parents[1] / "static" / "demo.js"


@cache
def _demo_page_template() -> str:
    return DEMO_PAGE.read_text(encoding="utf-8")


class DemoMessageIn(BaseModel):
    phone: E164Phone
    text: str = Field(min_length=1, max_length=4096)
    # Lets a client retry a send safely: the same id is one message.
    message_id: str | None = Field(default=None, min_length=1, max_length=200)
    wait: bool = False


class DemoMessageOut(BaseModel):
    message_id: str
    workflow_id: str
    handled: bool


class TranscriptLine(BaseModel):
    direction: Direction
    body: str
    created_at: datetime | None


class Transcript(BaseModel):
    phone: str
    workflow_id: str
    messages: list[TranscriptLine]
    # The customer's booking workflows, so the demo can link each one in the Temporal Web UI.
    bookings: list[str]


@router.get("", response_class=HTMLResponse, include_in_schema=False)
async def demo_page(settings: SettingsDep) -> HTMLResponse:
    """The WhatsApp-like demo chat; it links each conversation to its workflow in the Temporal Web UI."""
    body = f'<body data-temporal-ui="{escape(settings.temporal_ui_url)}">'
    return HTMLResponse(_demo_page_template().replace("<body>", body, 1))


@router.get("/demo.js", include_in_schema=False)
async def demo_script() -> FileResponse:
    """The demo chat's script, a file of its own: pages carry no inline script (security_headers)."""
    return FileResponse(DEMO_SCRIPT, media_type="text/javascript")


@router.post("/messages", status_code=status.HTTP_202_ACCEPTED)
async def post_message(
    body: DemoMessageIn, request: Request, client: TemporalDep, settings: SettingsDep
) -> DemoMessageOut:
    """Send a message as the customer `phone`; with `wait`, answer once Maite's turn is done."""
    limits = rate_limits(request)
    await limits.spend(limits.per_sender, "sender", settings.default_business, body.phone)
    # Prefixed by us: whatever the caller sends, the id can never be a WhatsApp wamid or a `chatwoot:` id, so a
    # demo message cannot shadow (and silence) a real channel's message as a redelivery.
    message_id = f"{CONSOLE_ID_PREFIX}{body.message_id or uuid.uuid4()}"
    handle = await deliver_message(
        client,
        settings,
        business=settings.default_business,
        phone=body.phone,
        message=InboundMessage(message_id=message_id, text=body.text, channel=Channel.CONSOLE),
    )
    handled = False
    if body.wait:
        try:
            async with asyncio.timeout(WAIT_TIMEOUT_SECONDS):
                await handle.execute_update(ConversationWorkflow.wait_until_handled, message_id)
            handled = True
        except (TimeoutError, WorkflowUpdateRPCTimeoutOrCancelledError):
            handled = False
    return DemoMessageOut(message_id=message_id, workflow_id=handle.id, handled=handled)


@router.get("/conversations/{phone}")
async def get_conversation(
    phone: Annotated[str, Path(max_length=32)], session: SessionDep, settings: SettingsDep
) -> Transcript:
    """The transcript of one customer's conversation, oldest first; 404 if they never wrote."""
    try:
        e164 = to_e164(phone)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    messages = await conversation_messages(session, slug=settings.default_business, phone=e164)
    if not messages:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no conversation with {e164}")
    return Transcript(
        phone=e164,
        workflow_id=customer_conversation_id(settings, settings.default_business, e164),
        messages=[TranscriptLine(direction=m.direction, body=m.body, created_at=m.created_at) for m in messages],
        bookings=await booking_workflow_ids(session, slug=settings.default_business, phone=e164),
    )
