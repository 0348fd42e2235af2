"""A local fake of the Anthropic Messages API that answers with scripted tool_use blocks (RECIPES §6)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.fakes.http_fake import FakeServer, Request, Response, serving


class MessagesFake(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.tool_inputs: list[dict[str, Any]] = []
        self.summaries: list[str] = []
        self.route("POST", r"/v1/messages", self._message)

    def answer_with(self, tool_input: dict[str, Any]) -> None:
        """The next message is answered with a `record_understanding` call carrying `tool_input`."""
        self.tool_inputs.append(tool_input)

    def summarize_with(self, text: str) -> None:
        """The next request without tools (a summary) is answered with `text`."""
        self.summaries.append(text)

    def _message(self, request: Request, _: re.Match[str]) -> Response:
        body = request.json()
        if "tools" not in body:
            return self._reply(body, [{"type": "text", "text": self.summaries.pop(0)}], "end_turn")
        tool = body["tools"][0]["name"]
        tool_input = self.tool_inputs.pop(0) if self.tool_inputs else {"intent": "unclear"}
        call = {"type": "tool_use", "id": f"toolu_{len(self.requests)}", "name": tool, "input": tool_input}
        return self._reply(body, [call], "tool_use")

    def _reply(self, body: dict[str, Any], content: list[dict[str, Any]], stop_reason: str) -> Response:
        return Response(
            200,
            {
                "id": f"msg_{len(self.requests)}",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": content,
                "stop_reason": stop_reason,
                "stop_sequence": None,
                "usage": {"input_tokens": 420, "output_tokens": 42},
            },
        )


@contextmanager
def running_messages_fake() -> Iterator[MessagesFake]:
    with serving(MessagesFake()) as fake:
        assert isinstance(fake, MessagesFake)
        yield fake
