"""Messages as the rules read them: lowercase, no accents, no emojis, WhatsApp shorthand spelt out."""

import re
import unicodedata

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
    "porfi": "por favor",
    "xfa": "por favor",
    "xfavor": "por favor",
    "dnd": "donde",
    "d": "de",
    "toy": "estoy",
    "tng": "tengo",
    "xa": "para",
    "pa": "para",
    "ok": "vale",
    "okey": "vale",
    "okis": "vale",
    "vl": "vale",
    "finde": "fin de semana",
    "sem": "semana",
    "mins": "minutos",
    "min": "minutos",
    "cn": "con",
    "tmp": "tampoco",
    "bss": "besos",
    "x": "por",
    "pasao": "pasado",
}


def normalise(text: str) -> str:
    """'¿Q tal mñn a las 5? 😊' -> '¿ que tal manana a las 5?' (ñ kept until the end so 'año' is not 'ano')."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ñ", "\0"))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("\0", "ñ")
    text = re.sub(r"(?<=\d)-(?=\d)", "/", text)  # "12-12" is a date like "12/12"
    text = text.replace("%", " por ciento")
    text = re.sub(r"[^\w\s:/.?¿!¡,]", " ", text)  # emojis and symbols go
    words = [SHORTHAND.get(w, w) for w in re.findall(r"[\wñ:/.]+|[?¿!¡,]", text)]
    return re.sub(r"\s+([?!,.])", r"\1", " ".join(words)).replace("ñ", "n").strip(" .")
