"""What an operator reads at the top of a conversation in the Temporal Web UI: who, in what state, until when
in the salon's clock, and what Maite is waiting for, in Spanish."""

from datetime import datetime

from temporalio import workflow

from workflows.dialogue.state import Step

with workflow.unsafe.imports_passed_through():
    from models.localtime import spoken_datetime

STATE_LABELS = {
    "active": "activa",
    "escalated": "con el equipo",
    "waiting_payment": "esperando el anticipo",
    "opted_out": "no quiere mensajes",
}
WAITING_FOR = {
    Step.IDLE: "nada",
    Step.NAME: "su nombre",
    Step.SERVICES: "qué servicio quiere",
    Step.CONSULT: "si quiere una consulta",
    Step.PACK: "si quiere el pack",
    Step.SPLIT: "si reserva los servicios por separado",
    Step.PERSON_NAME: "el nombre de la otra persona",
    Step.SLOT: "que elija un hueco",
    Step.CANCEL_CONFIRM: "que confirme la cancelación",
    Step.NO_REFUND: "si cambia la cita en vez de cancelarla",
    Step.MOVE_WHEN: "el día y la hora nuevos",
    Step.WHICH_BOOKING: "qué cita quiere cambiar o cancelar",
}


def current_details(
    *, business: str, first_name: str | None, state: str, until: datetime | None, timezone: str, step: str
) -> str:
    local_until = f" hasta {spoken_datetime(until, timezone)}" if until else ""
    return (
        f"Conversación con {first_name or 'alguien nuevo'} ({business}) · **{STATE_LABELS[state]}**{local_until}"
        f" · esperando: {WAITING_FOR[Step(step)]}"
    )
