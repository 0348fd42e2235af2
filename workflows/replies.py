"""Maite's words: the customer-facing Spanish texts, as pure functions of the conversation facts."""


def greeting_new_customer(*, assistant: str, business: str, profile_name: str | None) -> str:
    """First contact: introduce Maite and ask to confirm the name (DESIGN scenario 1)."""
    intro = f"¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸. Encantada de saludarte."
    if profile_name:
        return f"{intro} ¿Me confirmas si tu nombre es {profile_name}?"
    return f"{intro} ¿Me confirmas tu nombre para dirigirme a ti correctamente?"


def greeting_returning_customer(*, assistant: str, first_name: str) -> str:
    """A known phone: greeted by name, no questions (DESIGN scenario 6)."""
    return f"¡Hola, {first_name}! Soy {assistant} 🌸. ¿En qué puedo ayudarte hoy?"
