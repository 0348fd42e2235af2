"""Deterministic Spanish understanding (no API key needed): keyword families, fuzzy service names, dates.

Messages are normalised first (lowercase, no accents, WhatsApp shorthand expanded: "q" -> "que",
"xq" -> "porque", "mñn" -> "manana"), so one pattern covers the ways people actually type.
"""

import difflib
import re
import unicodedata
from datetime import date

from activities.understanding.schema import Catalog, Intent, Understanding
from activities.understanding.spanish_dates import find_day, find_part_of_day, find_time

SHORTHAND = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "tb": "tambien",
    "tmb": "tambien",
    "mñn": "manana",
    "mñana": "manana",
    "mnn": "manana",
    "pf": "por favor",
    "porfa": "por favor",
    "xfa": "por favor",
    "dnd": "donde",
    "d": "de",
    "toy": "estoy",
    "tng": "tengo",
    "xa": "para",
    "pa": "para",
    "ok": "vale",
    "okey": "vale",
}

CANCELLATION_POLICY = r"politica de cancelacion|si cancelo|(devolveis|devuelven) el (anticipo|dinero)|reembolso"

# In priority order: the first family that matches decides the intent.
FAMILIES: tuple[tuple[Intent, str], ...] = (
    (Intent.OPT_OUT, r"^(stop|baja|darme de baja|dame de baja|no me escribas mas|no quiero recibir mensajes)\W*$"),
    (
        Intent.MEDICAL,
        r"embaraz|alergi|alergic|dermatitis|psoriasis|eccema|medicac|medicamento|quimio|lactancia"
        r"|herida|infecci|tratamiento medico|piel sensible|reaccion|cancer|diabet|operad[ao]",
    ),
    (
        Intent.HUMAN,
        r"hablar con (una persona|alguien|un humano|la encargada|el encargado|el salon)|persona real"
        r"|\bhumano\b|atiendame alguien|me llame alguien|que me llamen|pasame con",
    ),
    (
        Intent.RUNNING_LATE,
        r"llego tarde|voy tarde|me retraso|llegare tarde|llego en \d+|retraso|voy con retraso"
        r"|llegar un poco tarde|tardo \d+",
    ),
    (
        Intent.PAYMENT_PROBLEM,
        r"(no (puedo|me deja|consigo) pagar|el pago (falla|no)|error (al|en el) pago"
        r"|enlace no (funciona|va|abre)|tarjeta (rechazada|no)|no me llega el enlace)",
    ),
    # Asking about the cancellation policy is a question, not a cancellation.
    (Intent.FAQ, CANCELLATION_POLICY),
    (Intent.CANCEL, r"\bcancel|\banul|no (voy a poder|podre|puedo) (ir|venir)|quitar la cita|borrar la cita"),
    (
        Intent.MODIFY,
        r"\bcambiar|\bmover|\bcambio (de|la)|otro dia|otra hora|reprogram|aplazar|adelantar|retrasar la cita",
    ),
    (Intent.USUAL, r"lo de siempre|lo mismo (de siempre|que la (ultima|otra) vez)|como siempre|lo de la ultima vez"),
    (
        Intent.INDECISION,
        r"no se (que|cual)|no estoy segur|que me (recomiendas|aconsejas)|asesor|indecis"
        r"|me (recomiendas|aconsejas)|no lo tengo claro|me ayudas a elegir",
    ),
)
FAQ_TOPICS: tuple[tuple[str, str], ...] = (
    ("hours", r"horario|a que hora (abr|cerr)|abiertos?|abris|cerrais|que dias|sabado|domingo"),
    ("address", r"\bdonde\b|direccion|ubicacion|como (llego|se llega)|mapa|en que calle"),
    ("parking", r"aparcar|aparcamiento|parking|dejar el coche"),
    ("payment", r"(como|se puede|puedo) pagar|tarjeta|bizum|efectivo|formas? de pago|metodos? de pago"),
    ("cancellation", CANCELLATION_POLICY),
)
BOOKING = r"\bcita\b|reserv|pedir hora|\bhueco|disponib|\bhora para\b|quiero (hacerme|ponerme|un|una)|me gustaria"
GREETING = r"^(hola+|buenas|buenos dias|buenas tardes|buenas noches|hey|ey|saludos)\b"
SMALL_TALK = r"\bgracias\b|que tal|como estas|genial|guay|\bjaja|un saludo|hasta luego|adios"
YES = r"^(si+|sip|vale|perfecto|de acuerdo|claro|genial|ok|sii|correcto|eso es|exacto|me parece bien)\b"
NO = r"^(no+|nop|mejor no|para nada|no gracias|ninguna?)\b"
ORDINALS = {"primer": 1, "primera": 1, "1": 1, "segund": 2, "2": 2, "tercer": 3, "3": 3, "ultim": -1}
RELATIVES = (
    "madre",
    "padre",
    "hija",
    "hijo",
    "hermana",
    "hermano",
    "abuela",
    "abuelo",
    "marido",
    "mujer",
    "pareja",
    "novia",
    "novio",
    "amiga",
    "amigo",
    "suegra",
    "sobrina",
    "tia",
    "prima",
)
NUMBERS = {"dos": 2, "tres": 3, "cuatro": 4, "2": 2, "3": 3, "4": 4}


# How customers call services, when they do not use the catalogue's names.
def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("ñ", "\0"))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("\0", "ñ")
    text = re.sub(r"[^\w\s:/.?¿!¡,]", " ", text)  # emojis and symbols go
    words = [SHORTHAND.get(w, w) for w in re.findall(r"[\wñ:/.]+|[?¿!¡,]", text)]
    return re.sub(r"\s+([?!,.])", r"\1", " ".join(words)).replace("ñ", "n").strip(" .")


def understand(text: str, *, today: date, catalog: Catalog) -> Understanding:
    """The intent and everything the message says, from rules alone."""
    clean = normalise(text)
    result = Understanding(intent=_intent(clean, catalog))
    result.services = find_services(clean, catalog)
    result.staff = _staff(clean, catalog.staff)
    result.day, result.time, result.part_of_day = find_day(clean, today), find_time(clean), find_part_of_day(clean)
    result.faq_topics = [topic for topic, pattern in FAQ_TOPICS if re.search(pattern, clean)]
    result.medical = result.intent == Intent.MEDICAL
    result.yes = True if re.search(YES, clean) else False if re.search(NO, clean) else None
    result.option = _option(clean)
    result.names = _names(text)
    result.party_size, result.beneficiary = _party(clean)
    delay = re.search(r"(\d+) ?(min|minutos|m)\b", clean)
    result.delay_minutes = int(delay.group(1)) if delay and result.intent == Intent.RUNNING_LATE else None
    if result.intent == Intent.BOOKING and re.search(r"\bpack\b", clean):
        result.pack_accepted = result.yes is not False
    return result


def _intent(clean: str, catalog: Catalog) -> Intent:
    for intent, pattern in FAMILIES:
        if re.search(pattern, clean):
            return intent
    if re.search(BOOKING, clean) or find_services(clean, catalog):
        return Intent.BOOKING
    if any(re.search(pattern, clean) for _, pattern in FAQ_TOPICS):
        return Intent.FAQ
    if _option(clean) or _names_only(clean):
        return Intent.ANSWER
    # "genial, gracias" / "no, gracias" close a topic more than they answer one (the yes flag still says which).
    if re.search(r"\bgracias\b", clean):
        return Intent.SMALL_TALK
    if re.search(YES, clean) or re.search(NO, clean):
        return Intent.ANSWER
    if re.search(GREETING, clean):
        return Intent.GREETING
    if re.search(SMALL_TALK, clean):
        return Intent.SMALL_TALK
    return Intent.UNCLEAR


def find_services(clean: str, catalog: Catalog) -> list[str]:
    """Catalogue names mentioned, or the business's own words for them, typos included ("mechass",
    "manicuraa"), in catalogue order."""
    words = clean.split()
    found = []
    for name in catalog.services:
        aliases = [normalise(alias) for alias in (name, *catalog.aliases.get(name, ()))]
        if any(_mentions(alias, clean, words) for alias in aliases):
            found.append(name)
    # "Corte infantil" also mentions "corte": keep the most specific name only.
    return [n for n in found if not any(o != n and normalise(o).startswith(normalise(n)) for o in found)]


def _mentions(alias: str, clean: str, words: list[str]) -> bool:
    if " " in alias:
        return alias in clean
    return any(difflib.SequenceMatcher(None, alias, w).ratio() >= 0.85 for w in words if len(w) >= 4)


def _staff(clean: str, staff: list[str]) -> str | None:
    return next((name for name in staff if re.search(rf"\b{normalise(name)}\b", clean)), None)


def _option(clean: str) -> int | None:
    match = re.search(r"\b(?:la|el|opcion|numero) ?(primer|primera|segund\w*|tercer\w*|ultim\w*|[123])\b", clean)
    if not match:
        return None
    word = match.group(1)
    return next((n for prefix, n in ORDINALS.items() if word.startswith(prefix)), None)


def _names(original: str) -> list[str]:
    # "me llamo laura" / "se llama Carmen Ruiz" is a name in any case, surnames kept when capitalised; after
    # "soy" only a capital says so ("soy alérgica" is not).
    named = r"(?i:\b(?:me llamo|se llama|mi nombre es|su nombre es)\s+)"
    match = re.search(named + r"([^\W\d_]+(?:\s+[A-ZÁÉÍÓÚÑ][^\W\d_]+){0,3})", original)
    match = match or re.search(r"(?i:\bsoy\s+)([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:\s+[A-ZÁÉÍÓÚÑ][^\W\d_]+)?)", original)
    if match:
        return [word.title() for word in match.group(1).split()]
    words = original.strip(" .!").split()
    if 1 <= len(words) <= 2 and all(w[:1].isupper() and w.isalpha() for w in words):
        return words
    return []


def _names_only(clean: str) -> bool:
    return bool(re.match(r"^(me llamo|se llama|soy|mi nombre es|su nombre es)\b", clean))


def _party(clean: str) -> tuple[int, str | None]:
    relative = next((r for r in RELATIVES if re.search(rf"\bmi {r}\b", clean)), None)
    together = re.search(r"\by (para )?(mi|yo)\b|\bpara (las|los) (dos|tres)\b|\bsomos (\w+)\b|\blas dos\b", clean)
    if together:
        size = next((n for word, n in NUMBERS.items() if re.search(rf"\b{word}\b", together.group(0))), 2)
        return size, relative
    return 1, (f"mi {relative}" if relative else None)
