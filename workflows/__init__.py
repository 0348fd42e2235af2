"""Temporal workflows (deterministic code only) and the ids that join them to the rest of the system."""


def conversation_id(business: str, phone: str) -> str:
    """One conversation per (business, customer phone)."""
    return f"conversation:{business}:{phone}"


def conversation_business(workflow_id: str) -> str:
    """The business of a conversation workflow id (`conversation:{business}:{phone}`)."""
    return workflow_id.split(":")[1]


def booking_workflow_id(booking_id: str) -> str:
    return f"booking:{booking_id}"
