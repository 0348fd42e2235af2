"""A POST far bigger than any delivery costs the API at most the 1 MB cap: refused before reading when its
Content-Length says so, and as soon as the cap is passed when it is chunked. The audit saw 166 MB → 948 MB."""

import pytest

from tests.security.production_api import ProductionApi, send_raw

WEBHOOKS = ("/webhooks/stripe", "/webhooks/whatsapp", "/webhooks/chatwoot")
CHUNK = b"x" * (1 << 20)
# 200 MB: what one attacker sends in seconds on loopback, 200 times the cap.
CHUNKS = 200
# The process may allocate some buffers while refusing; nothing near the body's size.
MAX_GROWTH_KIB = 40 * 1024


@pytest.mark.parametrize("path", WEBHOOKS)
def test_a_declared_huge_body_is_refused_before_it_is_read(production: ProductionApi, path: str) -> None:
    before = production.rss_kib()
    head = f"POST {path} HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
    head += f"Content-Length: {CHUNKS * len(CHUNK)}\r\n\r\n"
    # Not one byte of the body sent: the answer comes from the header alone.
    assert send_raw(production.port, head.encode(), 0, b"")[0] == 413
    status, _ = send_raw(production.port, head.encode(), CHUNKS, CHUNK)
    assert status == 413
    assert production.peak_rss_kib() - before < MAX_GROWTH_KIB


@pytest.mark.parametrize("path", WEBHOOKS)
def test_a_chunked_huge_body_is_cut_off_at_the_cap(production: ProductionApi, path: str) -> None:
    before = production.rss_kib()
    head = f"POST {path} HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    framed = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n"
    status, _ = send_raw(production.port, head.encode(), CHUNKS, framed)
    assert status == 413
    assert production.peak_rss_kib() - before < MAX_GROWTH_KIB
