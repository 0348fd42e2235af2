"""StaffAgendaWorkflow: run each morning by a Temporal Schedule (not cron), one message per staff member."""

from dataclasses import dataclass

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.agenda import AgendaBuilder, DayAgendasInput
    from activities.messaging.port import MessagePurpose, MessagingPort, SendMessageInput

from workflows.options import DATABASE, MESSAGING, described
from workflows.refusals import Refusal, attempt
from workflows.team import Team


@dataclass
class AgendaInput:
    business: str


@workflow.defn
class StaffAgendaWorkflow:
    @workflow.run
    async def run(self, input: AgendaInput) -> int:
        """Sends the day's agendas and returns how many were delivered; the idempotency key (business, day,
        staff) makes a rerun harmless. What cannot be built or delivered goes to the team instead."""
        wf_id = workflow.info().workflow_id
        team = Team(input.business, "")
        agendas = await attempt(
            AgendaBuilder.build_day_agendas,
            DayAgendasInput(input.business, workflow.now()),
            described(DATABASE, "agenda del día"),
        )
        if isinstance(agendas, Refusal):
            await team.tell(
                "🔔 No he podido preparar las agendas de hoy.", f"{wf_id}:no-agendas", reason=agendas.reason
            )
            return 0
        delivered = 0
        for m in agendas.messages:
            key = f"agenda:{input.business}:{m.day}:{m.staff_id}"
            sent = await attempt(
                MessagingPort.send_message,
                SendMessageInput(input.business, m.phone, m.text, key, wf_id, MessagePurpose.AGENDA, m.template_params),
                described(MESSAGING, "envía la agenda"),
            )
            if isinstance(sent, Refusal):
                await team.tell(
                    f"🔔 La agenda de hoy no ha llegado a {m.phone}:\n{m.text}",
                    f"{key}:undelivered",
                    reason=sent.reason,
                )
            else:
                delivered += 1
        return delivered
