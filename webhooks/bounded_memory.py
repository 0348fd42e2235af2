"""The in-process storage of the rate limits: `limits`' memory storage with a cap on the number of keys.

Unbounded, a flood from a million distinct addresses (or usernames) costs it about half a gigabyte, the API pod's
whole memory limit; capped, about 70 MB, at some 50 µs a hit. Past the cap the least recently created key is
forgotten: a forgotten key starts with a fresh budget, which only a flood of new keys can cause.
"""

from collections import OrderedDict

from limits.aio.storage import MemoryStorage
from limits.aio.storage.memory import Entry

MAX_KEYS = 100_000


class BoundedMemoryStorage(MemoryStorage):
    def __init__(self, max_keys: int = MAX_KEYS) -> None:
        super().__init__()
        self.max_keys = max_keys
        # Ordered, so the oldest key is found in O(1): a plain dict scans its deleted slots from the front.
        self.events: OrderedDict[str, list[Entry]] = OrderedDict()

    async def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if key not in self.events and len(self.events) >= self.max_keys:
            oldest, _ = self.events.popitem(last=False)
            self.locks.pop(oldest, None)
        return await super().acquire_entry(key, limit, expiry, amount)
