"""A local fake of the Chatwoot Application API endpoints we call (shapes from the swagger excerpt in
tests/fixtures/chatwoot): create a message in a conversation, toggle a conversation's status."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.fakes.http_fake import FakeServer, Request, Response, serving

CONVERSATION = r"/api/v1/accounts/(?P<account>\d+)/conversations/(?P<conversation>\d+)"


class ChatwootApiFake(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.route("POST", CONVERSATION + "/messages", self._message)
        self.route("POST", CONVERSATION + "/toggle_status", self._toggle)
        self.statuses: dict[int, str] = {}

    def posted(self, conversation: int) -> list[dict[str, Any]]:
        """The message bodies posted to one conversation, in order."""
        suffix = f"/conversations/{conversation}/messages"
        return [r.json() for r in self.requests if r.path.endswith(suffix)]

    def _message(self, request: Request, match: re.Match[str]) -> Response:
        body = request.json()
        return Response(
            200,
            {
                "id": 9000 + len(self.requests),
                "content": body["content"],
                "conversation_id": int(match["conversation"]),
                "message_type": 1 if body.get("message_type") == "outgoing" else 0,
                "private": body.get("private", False),
            },
        )

    def _toggle(self, request: Request, match: re.Match[str]) -> Response:
        conversation = int(match["conversation"])
        self.statuses[conversation] = request.json()["status"]
        return Response(
            200,
            {"meta": {}, "payload": {"success": True, "conversation_id": conversation, "current_status": "open"}},
        )


@contextmanager
def running_chatwoot_api() -> Iterator[ChatwootApiFake]:
    with serving(ChatwootApiFake()) as fake:
        assert isinstance(fake, ChatwootApiFake)
        yield fake
