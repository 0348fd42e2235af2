"""The business's own words, read from its data: service names and aliases (typos forgiven), staff names, and
the keywords of its FAQ topics. Nothing here knows any salon."""

import difflib
import re

from activities.understanding.schema import Catalog
from activities.understanding.text import normalise

# Typed words this close to a service word are that word ("mechass", "manicuraa", "pedicuraa").
SIMILAR = 0.85
# Service words that are also everyday words once accents go ("uñas" and "unas"): they name the service only
# after an article or a possessive ("las uñas", "mis manos").
EVERYDAY = {"unas", "manos", "pies", "cara", "raiz", "puntas"}
DETERMINED = r"\b(?:las|los|la|el|mis|tus|sus|mi|tu|de|en|y)\s+"
# Spanish sayings that contain a service word and never ask for it.
SAYINGS = (
    r"hasta las cejas|de pies a cabeza|a manos llenas|echar(me|te)? una mano|con las manos en|corte ingles"
    r"|corte de (luz|agua|digestion)|me da corte|que corte|reconocimiento facial|a raiz de|peino canas"
    r"|hecha un cuadro|vengo peinada|(he|ha|has|hemos) recogido"
)


def find_services(clean: str, catalog: Catalog) -> list[str]:
    """Catalogue names mentioned, or the business's own words for them, in catalogue order."""
    clean = re.sub(SAYINGS, " ", clean)
    words = re.findall(r"\w+", clean)
    found = []
    for name in catalog.services:
        aliases = [_word(alias) for alias in (name, *catalog.aliases.get(name, ()))]
        if any(_mentions(alias, clean, words) for alias in aliases):
            found.append(name)
    # "Corte infantil" also mentions "corte": keep the most specific name only.
    return [n for n in found if not any(o != n and normalise(o).startswith(normalise(n)) for o in found)]


def _mentions(alias: str, clean: str, words: list[str]) -> bool:
    if alias.endswith("*"):
        return re.search(rf"\b{re.escape(alias[:-1])}", clean) is not None
    if " " in alias:
        return re.search(rf"\b{re.escape(alias)}\b", clean) is not None
    if alias in EVERYDAY:
        # "corte y unas mechas": "unas" after "y" is the article.
        return re.search(rf"{DETERMINED}{alias}\b", clean.replace("y unas", "y")) is not None
    # A typo keeps the first letter: "tinde" is "tinte", but "cogido" is not "recogido".
    return any(
        w[0] == alias[0] and difflib.SequenceMatcher(None, alias, w).ratio() >= SIMILAR for w in words if len(w) >= 4
    )


def _word(alias: str) -> str:
    return normalise(alias.rstrip("*")) + "*" * alias.endswith("*")


# A stylist's name after these is someone else ("soy Víctor", "mi amiga Marta"); before these, a colour.
NOT_STAFF_BEFORE = r"(?:soy|llamo|amiga|amigo|hija|hijo|hermana|hermano|madre|prima|vecina|compi|nombre es)\s+$"
NOT_STAFF_AFTER = r"^\s+(?:pastel|palo|chicle|fucsia|claro|oscuro|gold|dorado)\b"


def find_staff(clean: str, staff: list[str]) -> str | None:
    """The one stylist asked for ("con Marta", "con la Pilar", "Martita"); none when two are named ("Nerea u
    Óscar, el que esté libre")."""
    named = [name for name in staff if _asked_for(normalise(name), clean)]
    return named[0] if len(named) == 1 else None


def _asked_for(name: str, clean: str) -> bool:
    # "Marta" -> "Martita", "Rosa" -> "Rosita": the diminutives customers use for people they know.
    pattern = rf"\b(?:{name}|{name[:-1]}it[ao])\b" if name[-1:] in "ao" else rf"\b{name}\b"
    return any(
        not re.search(NOT_STAFF_BEFORE, clean[: m.start()]) and not re.match(NOT_STAFF_AFTER, clean[m.end() :])
        for m in re.finditer(pattern, clean)
    )


def faq_topics(clean: str, catalog: Catalog) -> tuple[list[str], str]:
    """The topics the message asks about, and the message without the words that asked: "si cancelo, ¿me
    devolvéis el anticipo?" is about cancellation and leaves no cancellation request behind."""
    topics, rest = [], clean
    for topic, keywords in catalog.faq_keywords.items():
        pattern = "|".join(_keyword(keyword) for keyword in keywords if normalise(keyword.rstrip("*")))
        if pattern and re.search(pattern, rest):
            topics.append(topic)
            rest = re.sub(pattern, " ", rest)
    return topics, re.sub(r"\s+", " ", rest).strip()


def _keyword(keyword: str) -> str:
    """A keyword is a word or phrase, its plural included; a trailing * makes it a stem ("horario*")."""
    word = re.escape(normalise(keyword.rstrip("*")))
    return rf"\b{word}\w*" if keyword.endswith("*") else rf"\b{word}(?:s|es)?\b"
