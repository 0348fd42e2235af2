"""Temporal workflows (deterministic code only) and the ids that join them to the rest of the system."""


def conversation_id(business: str, phone: str) -> str:
    """One conversation per (business, customer phone)."""
    return f"conversation:{business}:{phone}"


def booking_workflow_id(booking_id: str) -> str:
    return f"booking:{booking_id}"
