"""Names people give when asked: "Laura", "se llama Carmen Ruiz", but also "no sé", "ahora no" or "da igual",
and none of those may become someone's name."""

import unicodedata

from activities.understanding.schema import Understanding
from workflows.dialogue import texts as say
from workflows.dialogue.booking_steps import continue_booking
from workflows.dialogue.turn_context import TurnContext

# Words that are never a first name in a salon's chat: answers, pronouns, articles, frequent verbs and adverbs.
_NOT_NAMES = """
    a ahora ahi al algo alguien alla alli aqui asi aun bien bueno buenas buenos cita claro como con cual cuando
    da dale de decir del despues dia digo dime donde e el ella ellas ellos en era eres es esa ese eso esta
    estas este esto estoy fue gracias ha hay hola hoy idea igual importa la las le les lo los luego mal manana
    mas me mejor mi mio mis momento mucho muy nada ni no nombre nos nosotras nosotros nunca o ok otra otro
    para pero perdona perdon poco por porque pues que quien quiero se sea sera si sin sobre soy su sus tal
    tambien tampoco tarde te tengo ti todavia todo tu tus un una uno unos vale vamos vaya ver vez y ya yo
"""
NOT_NAMES = frozenset(_NOT_NAMES.split())
# Inside a full name only: "José de la Fuente", "María de los Ángeles".
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})
# "se llama María Pilar López Ruiz": a first name and surnames, never a sentence.
MOST_WORDS = 5


def is_name(text: str) -> bool:
    """A short reply made only of words a person can be called ("laura", "Mari Carmen", "José de la Fuente")."""
    words = _words(text)
    return (
        1 <= len(words) <= MOST_WORDS
        and _name_like(words[0])
        and _name_like(words[-1])
        and all(_name_like(w) or w.lower() in PARTICLES for w in words[1:-1])
    )


def as_name(text: str) -> str:
    """ "maría de la fuente" -> "María de la Fuente"."""
    return " ".join(w.lower() if w.lower() in PARTICLES else w.capitalize() for w in _words(text))


def _words(text: str) -> list[str]:
    return text.strip(" .,!¡¿?").split()


def _name_like(word: str) -> bool:
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return len(word) >= 2 and word.replace("-", "").isalpha() and plain not in NOT_NAMES


def name_person(t: TurnContext, u: Understanding) -> None:
    """The name of the person the booking is for; "no sé" or "luego te digo" is asked again, then a person
    of the team takes over."""
    draft = t.memory.draft
    person = next(p for p in draft.people if p.relation and not p.name)
    text = t.state["text"]
    given = " ".join(u.names) if u.names else text
    if not is_name(given):
        t.memory.name_attempts += 1
        if t.memory.name_attempts < t.customer.max_name_attempts:
            t.reply(say.ask_person_name_again(person.relation or ""))
            return
        t.memory.name_attempts = 0
        t.escalate(f"No consigo el nombre de {person.relation} para su reserva.", say.name_handover())
        return
    t.memory.name_attempts = 0
    person.name = as_name(given)
    continue_booking(t, draft)
