"""WhatsApp message templates as Meta judges them: which bodies it refuses to approve, and how a send fills one.

The templates the Graph API fake knows are the ones the README tells a salon to submit ("WhatsApp templates"),
read from the README itself, so a text Meta would refuse fails the tests before anyone submits it.
Meta's rules (Graph API error subcodes of template creation): a body of at most 1024 characters (2388040);
variables `{{1}}`, `{{2}}`… numbered in order (2388072); never two variables with only spaces or punctuation
between them (2388072); never a variable at the start or the end, spaces and punctuation around it not
counting (2388299). Meta also refuses bodies with too many variables for their length (2388293) but publishes
no threshold, so that one is left to review.
"""

import re
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).parents[2] / "README.md"
LANGUAGE = "es"
BODY_MAX_CHARS = 1024
VARIABLE = re.compile(r"\{\{(\d+)\}\}")
# Spaces, punctuation and emojis: what Meta does not count as text around a variable.
FILLER = r"[^\w]*"
_LEADING = re.compile(rf"^{FILLER}{VARIABLE.pattern}")
_TRAILING = re.compile(rf"{VARIABLE.pattern}{FILLER}$")
_ADJACENT = re.compile(rf"{VARIABLE.pattern}{FILLER}{VARIABLE.pattern}")
# A name in bold code, the rest of its line, a blank line, then the body in a ```text block.
_README_ENTRY = re.compile(r"^\*\*`(?P<name>[a-z0-9_]+)`\*\*[^\n]*\n\n```text\n(?P<body>.*?)\n```", re.M | re.S)


class TemplateRejected(ValueError):
    def __init__(self, subcode: int, reason: str) -> None:
        super().__init__(f"Meta would reject this template ({subcode}): {reason}")
        self.subcode = subcode


@dataclass(frozen=True)
class Template:
    name: str
    language: str
    body: str

    @property
    def variables(self) -> int:
        return len(VARIABLE.findall(self.body))

    def render(self, params: list[str]) -> str:
        """The message the recipient reads."""
        return VARIABLE.sub(lambda m: params[int(m.group(1)) - 1], self.body)


def approved(name: str, language: str, body: str) -> Template:
    """The template, if Meta would approve its body; TemplateRejected otherwise."""
    if len(body) > BODY_MAX_CHARS:
        raise TemplateRejected(2388040, f"the body has {len(body)} characters, more than {BODY_MAX_CHARS}")
    numbers = [int(n) for n in VARIABLE.findall(body)]
    if numbers != list(range(1, len(numbers) + 1)):
        raise TemplateRejected(2388072, f"variables numbered {numbers}, not 1, 2, 3… in order")
    if _LEADING.search(body) or _TRAILING.search(body):
        raise TemplateRejected(2388299, "the body starts or ends with a variable")
    if _ADJACENT.search(body):
        raise TemplateRejected(2388072, "two variables with no text between them")
    return Template(name, language, body)


def readme_templates() -> list[Template]:
    """The templates the README asks a salon to submit, each checked as Meta would."""
    return [approved(m["name"], LANGUAGE, m["body"]) for m in _README_ENTRY.finditer(README.read_text())]
