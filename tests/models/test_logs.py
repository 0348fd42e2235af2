"""Log lines: phones masked everywhere, workflow and request ids carried, one JSON object per line."""

import json
import logging

import httpx

from models.runtime.logs import JsonFormatter, mask_phones, request_id


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("citaflow.test", logging.WARNING, __file__, 1, message, args, None)
    made.__dict__.update(extra)
    return made


def test_phones_are_masked_in_every_form_and_other_numbers_are_not() -> None:
    assert mask_phones("de +34600111222 a 34600111333") == "de +34******222 a 34******333"
    assert mask_phones("conversation:atrevete:+34600111222") == "conversation:atrevete:+34******222"
    assert mask_phones("evento 1697043223, pedido 12345, 45,00 €") == "evento 1697043223, pedido 12345, 45,00 €"


def test_a_json_line_carries_the_workflow_the_activity_and_the_request() -> None:
    token = request_id.set("req-42")
    try:
        line = JsonFormatter().format(
            record(
                "send to %s failed",
                "+34600111222",
                temporal_activity={
                    "activity_type": "send_message",
                    "activity_id": "7",
                    "workflow_id": "conversation:atrevete:+34600111222",
                    "attempt": 2,
                },
            )
        )
    finally:
        request_id.reset(token)
    parsed = json.loads(line)
    assert parsed["message"] == "send to +34******222 failed"
    assert parsed["workflow_id"] == "conversation:atrevete:+34******222"
    assert (parsed["activity_type"], parsed["attempt"], parsed["request_id"]) == ("send_message", "2", "req-42")
    assert parsed["level"] == "warning" and "+34600111222" not in line


async def test_the_api_returns_the_callers_request_id_or_a_new_one(api: httpx.AsyncClient) -> None:
    echoed = await api.get("/health", headers={"x-request-id": "proxy-trace.1"})
    fresh = await api.get("/health", headers={"x-request-id": "no spaces or <tags> allowed"})
    assert echoed.headers["x-request-id"] == "proxy-trace.1"
    assert len(fresh.headers["x-request-id"]) == 32 and fresh.headers["x-request-id"] != "proxy-trace.1"
