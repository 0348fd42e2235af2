"""Conversations a person is answering, found through Temporal's visibility, and the button that hands one back;
only the logged-in business's."""

from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqladmin import BaseView, expose
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from temporalio.client import Client
from temporalio.service import RPCError

from models.queries import get_business
from webhooks.admin.handover_facts import handover_facts
from webhooks.admin.scope import session_business
from webhooks.admin.words import local_time
from workflows.conversation.workflow import ConversationWorkflow


class HandoverView(BaseView):
    """Conversations in human mode (ConversationState="escalated", from Temporal's visibility) and the button
    that gives each back to Maite (the `hand_back` signal)."""

    name, icon = "Con el equipo", "fa-solid fa-headset"
    api_state: ClassVar[Any]

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/handovers", methods=["GET"], identity="handovers")
    async def handovers(self, request: Request) -> Response:
        client: Client = self.api_state.temporal
        # The slug comes from the signed session (settings or the business table at login), not from the form.
        business = session_business(request)
        query = f'ConversationState="escalated" AND Business="{business}" AND ExecutionStatus="Running"'
        try:
            escalated = [wf async for wf in client.list_workflows(query)]
        except RPCError:
            page = {"conversations": [], "unavailable": True}
            return await self.templates.TemplateResponse(request, "handovers.html", page, status_code=503)
        async with self.api_state.sessions() as session:
            found = await get_business(session, slug=business)
            facts = [await handover_facts(session, business_id=found.id, workflow_id=wf.id) for wf in escalated]
        zone = ZoneInfo(found.timezone)
        conversations = [
            {"workflow_id": wf.id, "since": local_time(wf.start_time, zone), "facts": said}
            for wf, said in zip(escalated, facts, strict=True)
        ]
        return await self.templates.TemplateResponse(request, "handovers.html", {"conversations": conversations})

    @expose("/handovers/hand-back", methods=["POST"], identity="hand_back")
    async def hand_back(self, request: Request) -> Response:
        workflow_id = str((await request.form()).get("workflow_id", ""))
        if not workflow_id.startswith(f"conversation:{session_business(request)}:"):
            return PlainTextResponse("conversación desconocida", status_code=404)
        client: Client = self.api_state.temporal
        await client.get_workflow_handle_for(ConversationWorkflow.run, workflow_id).signal(
            ConversationWorkflow.hand_back
        )
        return RedirectResponse(str(request.url_for("admin:view-handovers")), status_code=303)
