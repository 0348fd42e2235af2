"""A customer on WhatsApp against the live stack: messages go in as Meta's signed webhooks (redelivered
until the API takes them, as Meta does), replies are read where they end up: the Graph API fake."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.fakes.whatsapp_graph_api import GraphApiFake
from tests.live import meta

# Meta retries a delivery that was not answered 200; we retry faster, or tests would wait minutes.
REDELIVERY_SECONDS = 0.5
REDELIVERY_GIVE_UP_SECONDS = 120


async def deliver(api: httpx.AsyncClient, path: str, body: bytes, headers: dict[str, str]) -> None:
    """POST a provider's webhook until it is answered 200, as Meta and Stripe redeliver what failed."""
    deadline = time.monotonic() + REDELIVERY_GIVE_UP_SECONDS
    while True:
        try:
            response = await api.post(path, content=body, headers=headers)
            if response.status_code == 200:
                return
            assert response.status_code >= 500, response.text  # a 4xx is our bug, not an outage
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{api.base_url}{path} never took the delivery")
        await asyncio.sleep(REDELIVERY_SECONDS)


@dataclass
class WhatsAppCustomer:
    # One client for all the customer's deliveries: a client per request costs more than the request.
    api: httpx.AsyncClient
    phone: str
    graph: GraphApiFake
    secret: str
    name: str = "Cliente"
    said: int = 0
    message_ids: list[str] = field(default_factory=list)

    async def say(self, text: str) -> str:
        """Send `text`; return its WhatsApp message id once the API has taken it."""
        self.said += 1
        message_id = f"wamid.{self.phone.lstrip('+')}.{self.said}"
        self.message_ids.append(message_id)
        await self.deliver(meta.text_message(self.phone, text, message_id, name=self.name))
        return message_id

    async def deliver(self, payload: dict[str, Any]) -> None:
        body, headers = meta.signed(payload, self.secret)
        await deliver(self.api, "/webhooks/whatsapp", body, headers)

    def replies(self) -> list[str]:
        """Every message the business sent this customer, in the order the provider accepted them."""
        digits = self.phone.lstrip("+")
        return [self.graph.read(body) for body in self.graph.sent() if body.get("to") == digits]

    async def wait_for_replies(self, count: int, timeout: float = 90) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(self.replies()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.phone} got {self.replies()}, expected {count} replies")
            await asyncio.sleep(0.1)
        return self.replies()

    async def converse(self, text: str, expect: int = 1, timeout: float = 90) -> list[str]:
        """Say `text` and wait for the `expect` replies it brings; return them."""
        before = len(self.replies())
        await self.say(text)
        return (await self.wait_for_replies(before + expect, timeout))[before:]
