"""Small numbers as people write them in words: hours ("a las cinco"), minutes ("menos diez"), counts of days
and of people ("somos cinco")."""

NUMBERS = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "veinticinco": 25,
    "treinta": 30,
    "cuarenta": 40,
}
# Whole numbers only: not "10" in "100", not "dos" in "dosis". Digits may run into a unit ("17h", "5pm").
NUMBER = r"\d{1,2}(?!\d)|(?:" + "|".join(NUMBERS) + r")\b"


def number(word: str) -> int:
    """`word` matched NUMBER."""
    return int(word) if word.isdigit() else NUMBERS[word]
