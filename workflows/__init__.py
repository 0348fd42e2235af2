"""Temporal workflows (deterministic code only) and the ids that join them to the rest of the system."""


def conversation_id(business: str, pseudonym: str) -> str:
    """One conversation per (business, customer); `pseudonym` is the customer's (models/runtime/pseudonyms.py),
    so the id, which Temporal stores and logs in clear, holds no phone."""
    return f"conversation:{business}:{pseudonym}"


def conversation_pseudonym(workflow_id: str) -> str:
    """The customer's pseudonym in a conversation workflow id (a replayed history may carry any id: all of it)."""
    return workflow_id.split(":", 2)[-1]


def booking_workflow_id(booking_id: str) -> str:
    return f"booking:{booking_id}"
