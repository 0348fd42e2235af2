"""What a customer typed, made safe to store and to read: control characters out (PostgreSQL refuses NUL in text,
and the others only hide what a message says), format characters kept (zero-width joiners build emoji and
names, right-to-left marks order Arabic or Hebrew text: they are part of the message). Half an emoji becomes
the replacement character "�"."""

import unicodedata

KEPT_CONTROLS = frozenset("\n\t")


# What a lone surrogate (half an emoji, from a UTF-16 payload cut short) becomes: it cannot be stored or sent.
REPLACEMENT = "\ufffd"


def without_controls(text: str) -> str:
    return "".join(
        REPLACEMENT if unicodedata.category(c) == "Cs" else c
        for c in text
        if c in KEPT_CONTROLS or unicodedata.category(c) != "Cc"
    )
