"""A local fake of the WhatsApp Cloud (Graph) API's send endpoint: records requests, answers like Meta.

The answer is Meta's own "Example response" (tests/fixtures/whatsapp_cloud/send_message.meta_openapi_excerpt.json)
with a fresh wamid per message. A template message is checked as Meta checks it: the template must be
registered (the README's, approved by the rules of tests/fakes/whatsapp_templates.py) in that language
(132001), with one parameter per variable (132000), none empty (131008), none with a newline, a tab or more
than four spaces in a row (132018), and at most 1024 characters once filled in (132005).
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests import fixtures
from tests.fakes.http_fake import FakeServer, Request, Response, serving
from tests.fakes.whatsapp_templates import BODY_MAX_CHARS, Template, approved, readme_templates

SPEC = json.loads((fixtures.FIXTURES / "whatsapp_cloud" / "send_message.meta_openapi_excerpt.json").read_text())
VERSION = "v23.0"
INVALID_PARAM = re.compile(r"[\n\t]| {5,}")


def _example_response() -> dict[str, Any]:
    operation = SPEC["paths"]["/{Version}/{Phone-Number-ID}/messages"]["post"]
    example: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"]["examples"][
        "Example response"
    ]["value"]
    return example


class GraphApiFake(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.route("POST", rf"/{VERSION}/(?P<phone_number_id>\d+)/messages", self._send)
        self.templates = {(t.name, t.language): t for t in readme_templates()}
        self.accepted: list[dict[str, Any]] = []

    def register(self, name: str, language: str, body: str) -> None:
        """Submit a template; raises TemplateRejected where Meta would refuse it."""
        self.templates[(name, language)] = approved(name, language, body)

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/{VERSION}"

    def sent(self) -> list[dict[str, Any]]:
        """The bodies of the accepted sends, in order."""
        return list(self.accepted)

    def read(self, body: dict[str, Any]) -> str:
        """What the recipient of an accepted send reads: the text, or the template filled in."""
        if body["type"] != "template":
            return str(body["text"]["body"])
        template = body["template"]
        return self.templates[(template["name"], template["language"]["code"])].render(_params(template))

    def _send(self, request: Request, _: re.Match[str]) -> Response:
        body = request.json()
        if body["type"] == "template":
            refusal = self._refuse_template(body["template"])
            if refusal is not None:
                return refusal
        self.accepted.append(body)
        answer = _example_response()
        answer["contacts"][0].update({"input": body["to"], "wa_id": body["to"]})
        answer["messages"][0]["id"] = f"wamid.fake{len(self.requests)}"
        return Response(200, answer)

    def _refuse_template(self, sent: dict[str, Any]) -> Response | None:
        name, language = sent["name"], sent["language"]["code"]
        template: Template | None = self.templates.get((name, language))
        if template is None:
            details = f"template name ({name}) does not exist in {language}"
            return _refusal(404, 132001, "Template name does not exist in the translation", details)
        params = _params(sent)
        if len(params) != template.variables:
            details = (
                f"body: number of localizable_params ({len(params)}) does not match the expected number of "
                f"params ({template.variables})"
            )
            return _refusal(400, 132000, "Number of parameters does not match the expected number of params", details)
        if any(not p.strip() for p in params):
            return _refusal(
                400, 131008, "Required parameter is missing", "Parameter of type text is missing text value"
            )
        if any(INVALID_PARAM.search(p) for p in params):
            details = "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"
            return _refusal(400, 132018, "There was an issue with the parameters in your template.", details)
        if len(template.render(params)) > BODY_MAX_CHARS:
            return _refusal(400, 132005, "Translated text too long", f"more than {BODY_MAX_CHARS} characters")
        return None


def _params(template: dict[str, Any]) -> list[str]:
    return [str(p["text"]) for c in template.get("components", []) if c["type"] == "body" for p in c["parameters"]]


def _refusal(status: int, code: int, title: str, details: str) -> Response:
    return Response(status, graph_error(code, f"(#{code}) {title}", details))


def graph_error(code: int, message: str = "error", details: str | None = None) -> dict[str, Any]:
    """Meta's error body (GraphAPIError)."""
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf"}
    if details is not None:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    return {"error": error}


@contextmanager
def running_graph_api() -> Iterator[GraphApiFake]:
    with serving(GraphApiFake()) as fake:
        assert isinstance(fake, GraphApiFake)
        yield fake
