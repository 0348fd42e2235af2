"""In-process sliding-window rate limits (per client IP, per sender), answering 429 before any work.

Per process: behind N API replicas the effective limit is N times higher, which is fine for shedding a
misbehaving sender; a shared limiter belongs in the proxy in front.
"""

import time
from collections import deque

from fastapi import HTTPException, Request, status


class RateLimiter:
    def __init__(self, *, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        if len(self._hits) > 100_000:  # forget idle keys so memory stays bounded
            self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window}
        return True

    def check(self, key: str) -> None:
        if not self.allow(key):
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS, "too many requests", headers={"Retry-After": str(int(self.window))}
            )


def per_ip(request: Request) -> None:
    """FastAPI dependency: the app's per-IP limiter, keyed by the client's address."""
    limiter: RateLimiter = request.app.state.ip_limiter
    limiter.check(request.client.host if request.client else "unknown")
