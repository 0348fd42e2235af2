"""1. WhatsApp webhook: ack latency and throughput under concurrent senders, and every message reaching its
conversation (the turn records it in the message table before anything else)."""

import asyncio
import time
from dataclasses import dataclass, field

import httpx

from tests.bench import database
from tests.bench.figures import Row
from tests.bench.rig import WHATSAPP_APP_SECRET, Bench, settle
from tests.live import meta

# A customer's ten lines: greeting, name, then questions the FAQ answers.
TEXTS = (
    "hola",
    "Me llamo Ana",
    "¿qué horario tenéis?",
    "¿dónde estáis?",
    "¿hay aparcamiento?",
    "¿cómo se paga?",
    "¿puedo cancelar?",
    "¿abrís los sábados?",
    "vale, gracias",
    "hasta luego",
)
# Done when every message is recorded, or when the count has not grown for this long.
STALL_SECONDS = 60
RECORD_TIMEOUT_SECONDS = 1800
# Meta delivers again what was not answered 200 (later than this, which would only slow the bench down).
REDELIVERY_SECONDS = 0.5
DELIVERIES = 20


@dataclass
class Load:
    """One run: `senders` customers with `messages` each; `rate` msg/s in total when paced, else flat out."""

    senders: int
    messages: int
    rate: float | None = None
    latencies: list[float] = field(default_factory=list)
    # Attempts not answered 200 (a 5xx, a connection closed under us): delivered again, as Meta does.
    failures: int = 0
    given_up: int = 0

    @property
    def name(self) -> str:
        if self.rate:
            return f"webhook ack, {self.senders} senders paced at {self.rate:.0f} msg/s"
        return f"webhook ack, {self.senders} concurrent senders"


async def run(bench: Bench, senders: list[int], messages: int, paced_rate: float) -> list[Row]:
    loads = [Load(n, messages) for n in senders]
    if paced_rate:
        loads.append(Load(max(senders), messages, paced_rate))
    rows = []
    for number, load in enumerate(loads):
        await settle(bench.db)
        rows.append(await _measure(bench, load, f"wamid.bench{number}."))
    return rows


async def _measure(bench: Bench, load: Load, id_prefix: str) -> Row:
    phones = bench.phones.take(load.senders)
    limits = httpx.Limits(max_connections=load.senders, max_keepalive_connections=load.senders)
    async with httpx.AsyncClient(base_url=bench.api, timeout=60, limits=limits) as http:
        began = time.perf_counter()
        await asyncio.gather(*(_sender(http, load, index, phone, id_prefix) for index, phone in enumerate(phones)))
        sent_for = time.perf_counter() - began
    # Acknowledged with a 200: from then on, losing it would be ours.
    sent = load.senders * load.messages - load.given_up
    reached, recorded_after = await _reached(bench, id_prefix, sent, began)
    unsent = f", {load.given_up} never acknowledged" if load.given_up else ""
    return Row.of(
        load.name,
        [s * 1000 for s in load.latencies],
        "ms",
        f"{sent / sent_for:.0f} msg/s; {reached}/{sent} reached their conversation "
        f"({sent - reached} lost) in {recorded_after:.0f} s; {load.failures} attempts not answered 200{unsent}",
        "p99 < 25 ms at 100 msg/s, 0 lost",
        throughput_per_s=sent / sent_for,
        acknowledged=sent,
        reached=reached,
        lost=sent - reached,
        attempts_not_200=load.failures,
        never_acknowledged=load.given_up,
        all_recorded_after_s=recorded_after,
    )


async def _sender(http: httpx.AsyncClient, load: Load, index: int, phone: str, id_prefix: str) -> None:
    began = time.perf_counter()
    for n in range(load.messages):
        text = TEXTS[n % len(TEXTS)]
        body, headers = meta.signed(meta.text_message(phone, text, f"{id_prefix}{phone}.{n}"), WHATSAPP_APP_SECRET)
        if load.rate:
            # Spread evenly: sender `index` of N sends its n-th message at (n * N + index) / rate.
            due = began + (n * load.senders + index) / load.rate
            await asyncio.sleep(max(due - time.perf_counter(), 0))
        await _deliver(http, load, body, headers)


async def _deliver(http: httpx.AsyncClient, load: Load, body: bytes, headers: dict[str, str]) -> None:
    """POST until answered 200; the latency of that POST is the ack figure."""
    for _ in range(DELIVERIES):
        sent = time.perf_counter()
        try:
            response = await http.post("/webhooks/whatsapp", content=body, headers=headers)
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code == 200:
            load.latencies.append(time.perf_counter() - sent)
            return
        load.failures += 1
        await asyncio.sleep(REDELIVERY_SECONDS)
    load.given_up += 1


async def _reached(bench: Bench, id_prefix: str, sent: int, began: float) -> tuple[int, float]:
    """Recorded messages once all are in or the count stops growing; and when the last one was seen."""
    count, grew_at = 0, time.perf_counter()
    while count < sent and time.perf_counter() - grew_at < STALL_SECONDS:
        if time.perf_counter() - began > RECORD_TIMEOUT_SECONDS:
            break
        await asyncio.sleep(0.5)
        now = await database.inbound_count(bench.db, id_prefix)
        if now != count:
            count, grew_at = now, time.perf_counter()
    return count, grew_at - began
