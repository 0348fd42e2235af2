"""Who a message is about: the names it gives, how many people come, and how late someone will be."""

import re

from activities.understanding.spanish_numbers import NUMBER, number

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
    "suegro",
    "sobrina",
    "sobrino",
    "tia",
    "tio",
    "prima",
    "primo",
    "nieta",
    "nieto",
    "cunada",
    "cunado",
    "mama",
    "papa",
    "compi",
    "companera",
    "vecina",
    "nina",
    "nino",
    "peque",
    "chico",
    "chica",
)
RELATIVE = "|".join(RELATIVES)
COUNT = rf"({NUMBER})"


# Said of the whole group: "somos 4", "cinco personas", "un grupo de 8", "vamos a ir 3", "para nosotras dos".
TOTAL = (
    r"\b(?:somos|seriamos|seremos|grupo de|vamos a ir|vamos|nosotras|nosotros|para) {n}\b"
    r"(?! (?:de la|y|minut|hora|euro))",
    r"\b{n} (?:personas|adultos)\b",
    r"^{n} para\b",
    r"\b(?:las|los) {n} (?:queremos|vamos|nos)\b",
)
# Others who come: "mis dos hijos", "dos amigas más", "mis mellizos".
OTHERS = r"\b(?:mis )?{n} (?:{relative}|crios|ninos|ninas|amigas|amigos|chicas|chicos)s?\b"
TWINS = r"\b(?:mis |sus )?(?:mellizos|mellizas|gemelos|gemelas)\b"
ME = (
    r"\b(?:y yo|yo y|tambien yo|^yo\b|(?:y )?(?:para|a) mi(?! (?:{relative})))\b"
    r"|,? yo (?!solo (?:las|los|la|le|lo) (?:acompan|llevo|traigo))"
)


def party(clean: str) -> tuple[int, list[str]]:
    """How many people the booking is for, and the relatives named among them ("mi madre", "mi hija")."""
    # "mi madre", "su amiga", but not "la boda de mi prima".
    relatives = re.findall(rf"(?<!\bde )\b(?:mi|mis|su|sus) (?:{RELATIVE})s?\b", clean)
    for pattern in TOTAL:
        for found in re.finditer(pattern.format(n=COUNT), clean):
            if 1 < (size := number(found.group(1))) <= 20:
                return size, relatives
    several = re.search(OTHERS.format(n=COUNT, relative=RELATIVE), clean)
    others = number(several.group(1)) if several else 0
    others += 2 if re.search(TWINS, clean) else 0
    if not several:
        others += len(relatives) + len(re.findall(rf"\b(?:y|,) (?:la|el) (?:{RELATIVE})\b", clean))
    me = re.search(ME.format(relative=RELATIVE), clean)
    size = others + (1 if me else 0)
    if re.search(r"\b(?:para (?:las|los) (?:dos|ambas|ambos)|las dos|los dos)\b", clean):
        size = max(size, 2)
    return max(size, 1), relatives


def delay(clean: str) -> int | None:
    """'10 min', 'diez minutos', 'un cuartito', 'media horita', 'cinco minutillos'."""
    if re.search(r"\btres cuartos de hora\b", clean):
        return 45
    if re.search(r"\bmedia hor", clean):
        return 30
    if re.search(r"\b(?:un )?cuart(?:o|ito) de hora\b|\bun cuartito\b|\bun cuarto\b", clean):
        return 15
    if re.search(r"\buna hora\b|\bhorita\b", clean):
        return 60
    minutes = re.search(rf"\b{COUNT} ?(?:m|mn|minut\w*)\b", clean)
    return number(minutes.group(1)) if minutes else None


def names(original: str) -> list[str]:
    """'me llamo laura' / 'se llama Carmen Ruiz' is a name in any case, surnames kept when capitalised; after
    'soy' only a capital says so ('soy alérgica' is not)."""
    named = r"(?i:\b(?:me llamo|se llama|mi nombre es|su nombre es|a nombre de)\s+)"
    match = re.search(named + r"([^\W\d_]+(?:\s+[A-ZÁÉÍÓÚÑ][^\W\d_]+){0,3})", original)
    match = match or re.search(r"(?i:\bsoy\s+)([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:\s+[A-ZÁÉÍÓÚÑ][^\W\d_]+)?)", original)
    if match:
        return [word.title() for word in match.group(1).split()]
    words = original.strip(" .!").split()
    if 1 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
        return words
    return []


def names_only(clean: str) -> bool:
    # "me llamo Ana", "hola! me llamo Ana": an introduction, not a greeting only.
    greeting = r"(?:(?:hola+|buenas|buenos dias|buenas tardes|buenas noches)\W*\s*)?"
    return bool(re.match(rf"^{greeting}(me llamo|se llama|soy|mi nombre es|su nombre es|a nombre de)\b", clean))
