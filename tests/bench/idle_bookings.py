"""6. Open bookings waiting on timers (awaiting payment, long hold): the worker's memory per booking, and what
PostgreSQL executes while they idle."""

import asyncio

import psutil  # type: ignore[import-untyped]

from tests.bench import pg_stats
from tests.bench.bookings import open_bookings
from tests.bench.figures import Row
from tests.bench.progress import say
from tests.bench.rig import Bench, settle

# A few bookings first, so the fresh worker's one-off costs (imports, sandbox, pools) are not counted per booking.
WARM_UP = 20


async def run(bench: Bench, size: int, idle_seconds: float) -> Row:
    """On a freshly started worker, so earlier measurements' cached runs neither count nor get evicted."""
    await settle(bench.db)
    await asyncio.to_thread(bench.stack.stop, "worker")
    await asyncio.to_thread(bench.stack.start_worker)
    await open_bookings(bench, WARM_UP)
    await settle(bench.db)
    worker = psutil.Process(bench.stack.pid("worker"))
    before = worker.memory_info().rss
    await open_bookings(bench, size)
    await settle(bench.db)
    after = worker.memory_info().rss
    say(f"  {size} bookings open; idling {idle_seconds:.0f} s")
    cpu_before = sum(worker.cpu_times()[:2])
    executed = await pg_stats.during(bench.stack, asyncio.sleep(idle_seconds))
    cpu = sum(worker.cpu_times()[:2]) - cpu_before
    per_booking = (after - before) / size
    return Row(
        f"{size} open bookings idling {idle_seconds:.0f} s",
        figures=(
            f"worker RSS {before / 2**20:.0f} → {after / 2**20:.0f} MiB = {per_booking / 1024:.1f} KiB/booking; "
            f"{executed.statements} SQL statements, {executed.commits} commits "
            f"(autovacuum of {executed.autovacuumed_tables} tables); worker CPU {cpu:.2f} s; "
            f"worker caches {bench.cache_limit} workflows"
        ),
        target="0 queries, < 50 KB/booking",
        data={
            "bookings": size,
            "rss_before_bytes": before,
            "rss_after_bytes": after,
            "rss_per_booking_bytes": per_booking,
            "sql_statements": executed.statements,
            "xact_commit_delta": executed.commits,
            "autovacuumed_tables": executed.autovacuumed_tables,
            "top_statements": executed.top,
            "worker_cpu_seconds_while_idle": cpu,
            "worker_cache_limit": bench.cache_limit,
        },
    )
