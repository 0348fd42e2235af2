"""The language Maite answers in: every text is written once, in Spanish, and a table gives it in English.

A customer-facing text is a `str.format` template in Spanish, filled by `tr` (or `render`); `ENGLISH` in
workflows/english_texts.py maps each template to its English one, and tests/workflows/test_english_texts.py
fails when a template has none. The Spanish text stays the source: the Spanish conversation is unchanged.

Which language: the dialogue's texts are called deep inside its step functions, so rather than pass a
language through each step, the decide node makes the conversation's memory current (`speaking(memory)`) and
`tr` reads its `language` when it fills a template. The memory is read at that moment, so a turn that changes
language (identity.start, from the understanding) answers in the new one at once. The decide node runs
synchronously in the workflow, between two awaits: the context variable is set and reset within one
deterministic stretch of code, and no other task sees it. The booking workflow has no such turn: its texts
take the booking input's language and call `render` with it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from workflows.english_texts import ENGLISH

SPANISH = "es"


class Speaker(Protocol):
    """What is spoken to: a conversation's memory, whose language may change during the turn."""

    @property
    def language(self) -> str: ...


# None outside a turn: Spanish.
_SPEAKER: ContextVar[Speaker | None] = ContextVar("speaker", default=None)


@contextmanager
def speaking(speaker: Speaker) -> Iterator[None]:
    """Texts filled inside the block speak `speaker`'s language."""
    token = _SPEAKER.set(speaker)
    try:
        yield
    finally:
        _SPEAKER.reset(token)


def spoken() -> str:
    speaker = _SPEAKER.get()
    return SPANISH if speaker is None else speaker.language


def tr(template: str, **values: object) -> str:
    """The Spanish `template`, in the language being spoken, filled with `values`."""
    return render(spoken(), template, **values)


def render(language: str, template: str, **values: object) -> str:
    # A template without English (the test forbids it) is still answered, in Spanish, rather than failing the turn.
    if language != SPANISH:
        template = ENGLISH.get(template, template)
    return template.format(**values)
