"""A local fake of the WhatsApp Cloud (Graph) API's send endpoint: records requests, answers like Meta.

The answer is Meta's own "Example response" (tests/fixtures/whatsapp_cloud/send_message.meta_openapi_excerpt.json)
with a fresh wamid per message.
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests import fixtures
from tests.fakes.http_fake import FakeServer, Request, Response, serving

SPEC = json.loads((fixtures.FIXTURES / "whatsapp_cloud" / "send_message.meta_openapi_excerpt.json").read_text())
VERSION = "v23.0"


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

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/{VERSION}"

    def sent(self) -> list[dict[str, Any]]:
        """The bodies of the accepted sends, in order."""
        return [r.json() for r in self.requests if r.method == "POST" and r.answered == 200]

    def _send(self, request: Request, _: re.Match[str]) -> Response:
        body = request.json()
        answer = _example_response()
        answer["contacts"][0].update({"input": body["to"], "wa_id": body["to"]})
        answer["messages"][0]["id"] = f"wamid.fake{len(self.requests)}"
        return Response(200, answer)


def graph_error(code: int, message: str = "error") -> dict[str, Any]:
    """Meta's error body (GraphAPIError)."""
    return {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf"}}


@contextmanager
def running_graph_api() -> Iterator[GraphApiFake]:
    with serving(GraphApiFake()) as fake:
        assert isinstance(fake, GraphApiFake)
        yield fake
