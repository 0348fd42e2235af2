"""Too fast is 429, before any signature check or workflow: per client IP and per customer phone."""

import httpx
import pytest
from temporalio.worker import Worker

from models.settings import Settings
from tests.settings_for import settings_for
from webhooks.rate_limit import RateLimiter


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        rate_limit_per_ip=5,
        rate_limit_per_sender=2,
    )


def test_sliding_window_forgets_old_hits() -> None:
    limiter = RateLimiter(limit=2, window_seconds=60)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2)] == [True, True, False]
    assert limiter.allow("b", now=2)  # another key has its own budget
    assert limiter.allow("a", now=61)  # the first hit left the window


async def test_api_answers_429_per_ip_and_per_sender(phone: str, api: httpx.AsyncClient, worker: Worker) -> None:
    sends = [await api.post("/demo/messages", json={"phone": phone, "text": "hola", "wait": True}) for _ in range(3)]
    assert [r.status_code for r in sends] == [202, 202, 429]
    assert sends[2].headers["retry-after"] == "60"
    webhook = [(await api.post("/webhooks/stripe", content=b"{}")).status_code for _ in range(3)]
    assert webhook == [401, 401, 429]  # the IP's budget of 5 is spent: no signature check any more
