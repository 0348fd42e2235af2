"""Staff answer customers from /admin: the business's latest conversations, one conversation's thread, and the
buttons that take it over from Maite, reply through the customer's own channel and hand it back.

Every change goes to the conversation's workflow (a signal, or the `staff_reply` update, which returns once the
channel took the reply or refused it), never to the message table. A conversation is found by the customer's
phone among the session's business's messages only: another business's customer is not found.
"""

import uuid
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqladmin import BaseView, expose
from starlette import status
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.service import RPCError

from models.queries import get_business
from webhooks.admin.scope import session_business
from webhooks.admin.threads import customer_name, recent_conversations, talks_with, thread
from webhooks.channels.conversations import customer_conversation_id
from workflows.conversation.types import StaffReply
from workflows.conversation.workflow import ConversationWorkflow


class ConversationView(BaseView):
    name, icon = "Conversaciones", "fa-solid fa-comments"
    api_state: ClassVar[Any]

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/conversations", methods=["GET"], identity="conversations")
    async def conversations(self, request: Request) -> Response:
        search = request.query_params.get("buscar", "")
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            lines = await recent_conversations(
                session,
                business_id=business.id,
                team_phone=business.phone,
                zone=ZoneInfo(business.timezone),
                search=search,
            )
        page = {"conversations": lines, "search": search}
        return await self.templates.TemplateResponse(request, "conversations.html", page)

    @expose("/conversations/take", methods=["POST"], identity="take_over")
    async def take_over(self, request: Request) -> Response:
        phone = await self._known_phone(request)
        reason = f"tomada desde /admin por {request.session['staff']}"
        await self._signal(request, phone, ConversationWorkflow.escalate, reason)
        return self._to_thread(request, phone)

    @expose("/conversations/hand-back", methods=["POST"], identity="give_back")
    async def give_back(self, request: Request) -> Response:
        phone = await self._known_phone(request)
        await self._signal(request, phone, ConversationWorkflow.hand_back)
        return self._to_thread(request, phone)

    @expose("/conversations/reply", methods=["POST"], identity="staff_reply")
    async def staff_reply(self, request: Request) -> Response:
        """The workflow sends the reply (and takes the conversation over); the form's reply id makes a double
        click one message. A refusal is shown on the thread, as the channel put it."""
        form = await request.form()
        phone = await self._known_phone(request)
        text = str(form.get("text", "")).strip()
        if not text:
            return await self._thread_page(request, phone, error="Escribe la respuesta antes de enviarla.")
        reply_id = str(form.get("reply_id", "")) or uuid.uuid4().hex
        reply = StaffReply(reply_id, str(request.session["staff"]), text)
        try:
            result = await self._handle(request, phone).execute_update(
                ConversationWorkflow.staff_reply, reply, id=f"staff-reply:{reply_id}"
            )
        except (RPCError, WorkflowUpdateFailedError):
            return await self._thread_page(request, phone, error="La conversación no está activa; no se ha enviado.")
        if result.refused is not None:
            error = f"El canal no ha aceptado la respuesta; no le ha llegado al cliente ({result.refused})."
            return await self._thread_page(request, phone, error=error, draft=text)
        return self._to_thread(request, phone)

    @expose("/conversations/thread", methods=["GET"], identity="conversation")
    async def conversation(self, request: Request) -> Response:
        return await self._thread_page(request, request.query_params.get("cliente", ""))

    async def _thread_page(self, request: Request, phone: str, *, error: str = "", draft: str = "") -> Response:
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            messages = await thread(session, business_id=business.id, phone=phone, zone=ZoneInfo(business.timezone))
            name = await customer_name(session, business_id=business.id, phone=phone)
        if not messages:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "conversación desconocida")
        page = {
            "phone": phone,
            "name": name,
            "messages": messages,
            "taken": await self._taken(request, phone),
            "error": error,
            "draft": draft,
            "reply_id": uuid.uuid4().hex,
        }
        code = status.HTTP_502_BAD_GATEWAY if error else status.HTTP_200_OK
        return await self.templates.TemplateResponse(request, "conversation_thread.html", page, status_code=code)

    async def _taken(self, request: Request, phone: str) -> bool | None:
        """Whether a person has the conversation (None: its workflow is not running, so nobody can take it)."""
        try:
            return await self._handle(request, phone).query(ConversationWorkflow.human_mode)
        except RPCError:
            return None

    async def _known_phone(self, request: Request) -> str:
        """The form's customer, once the session's business has messages with them (else not found)."""
        phone = str((await request.form()).get("cliente", ""))
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            if not await talks_with(session, business_id=business.id, phone=phone):
                raise HTTPException(status.HTTP_404_NOT_FOUND, "conversación desconocida")
        return phone

    def _handle(self, request: Request, phone: str) -> WorkflowHandle[ConversationWorkflow, None]:
        client: Client = self.api_state.temporal
        workflow_id = customer_conversation_id(self.api_state.settings, session_business(request), phone)
        return client.get_workflow_handle_for(ConversationWorkflow.run, workflow_id)

    async def _signal(self, request: Request, phone: str, signal: Any, *args: Any) -> None:
        try:
            await self._handle(request, phone).signal(signal, *args)
        except RPCError:
            raise HTTPException(status.HTTP_409_CONFLICT, "La conversación no está activa.") from None

    def _to_thread(self, request: Request, phone: str) -> RedirectResponse:
        url = request.url_for("admin:view-conversation").include_query_params(cliente=phone)
        return RedirectResponse(str(url), status_code=303)
