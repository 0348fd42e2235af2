"""StaffAgendaWorkflow: run each morning by a Temporal Schedule (not cron), one message per staff member."""

from dataclasses import dataclass

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.agenda import DayAgendas, DayAgendasInput
    from activities.messaging_port import MessagePurpose, SendMessageInput, SendMessageResult

from workflows.activity_calls import DATABASE, MESSAGING, call


@dataclass
class AgendaInput:
    business: str


@workflow.defn
class StaffAgendaWorkflow:
    @workflow.run
    async def run(self, input: AgendaInput) -> int:
        """Sends the day's agendas; the idempotency key (business, day, staff) makes a rerun harmless."""
        agendas = await call(
            DATABASE,
            "build_day_agendas",
            DayAgendasInput(input.business, workflow.now()),
            DayAgendas,
            "agenda del día",
        )
        wf_id = workflow.info().workflow_id
        for m in agendas.messages:
            key = f"agenda:{input.business}:{m.day}:{m.staff_id}"
            await call(
                MESSAGING,
                "send_message",
                SendMessageInput(input.business, m.phone, m.text, key, wf_id, MessagePurpose.AGENDA, m.template_params),
                SendMessageResult,
                "envía la agenda",
            )
        return len(agendas.messages)
