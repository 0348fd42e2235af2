"""The machine the figures were taken on, and how much of it others used meanwhile (a shared machine skews
every latency, so the run says how busy it was)."""

import asyncio
import os
import platform
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

SAMPLE_SECONDS = 2.0


def describe() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.machine())
    return {
        "cores": os.cpu_count(),
        "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "cpu": model,
        "python": platform.python_version(),
    }


def _busy() -> float:
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


class OtherLoad:
    """CPU time spent by processes that are not the bench's (itself, its children, its PostgreSQL)."""

    def __init__(self, pgdata: Path) -> None:
        self._pgdata = str(pgdata)
        self.other_seconds = 0.0
        self.wall_seconds = 0.0

    def _ours(self) -> dict[int, float]:
        me = psutil.Process()
        processes = [me, *me.children(recursive=True)]
        for proc in psutil.process_iter(["cmdline"]):
            if self._pgdata in " ".join(proc.info["cmdline"] or []):
                processes += [proc, *proc.children(recursive=True)]
        seconds = {}
        for proc in processes:
            try:
                times = proc.cpu_times()
                seconds[proc.pid] = times.user + times.system
            except psutil.Error:  # gone meanwhile
                continue
        return seconds

    async def watch(self) -> None:
        """Runs until cancelled, adding up, between samples, the machine's busy time minus ours."""
        loop = asyncio.get_running_loop()
        busy, ours, at = _busy(), self._ours(), loop.time()
        while True:
            await asyncio.sleep(SAMPLE_SECONDS)
            busy_now, ours_now, now = _busy(), self._ours(), loop.time()
            used = sum(t - ours.get(pid, 0.0) for pid, t in ours_now.items())
            self.other_seconds += max(busy_now - busy - used, 0.0)
            self.wall_seconds += now - at
            busy, ours, at = busy_now, ours_now, now

    @property
    def share(self) -> float:
        """Of all the machine's CPU during the run, the part others used (0..1)."""
        cores = os.cpu_count() or 1
        return self.other_seconds / (self.wall_seconds * cores) if self.wall_seconds else 0.0
