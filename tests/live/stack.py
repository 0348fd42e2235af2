"""The real stack in subprocesses, each part started, killed and restarted on its own.

Embedded PostgreSQL, the Temporal dev server (state in one SQLite file, so a restart keeps every workflow),
any number of workers and API processes: what the fault suite breaks, the bench measures and the scale-out
test multiplies. Built on `make run`'s launcher (deploy/local/stack.py), so both start processes one way.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from deploy.local.stack import Stack, seed, stop_group, tail
from deploy.local.temporal_dev import start_dev_server, wait_until_ready
from migrations.apply import upgrade_head
from models.runtime.settings import Settings
from tests.settings_for import TEST_PAYLOAD_KEYS, settings_for

START_TIMEOUT_SECONDS = 90
WORKER_READY_LINE = "worker polling task queue"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class LiveStack:
    """Temporary data under `root`; `env` is what every worker and API process gets (plus `extra_env`)."""

    root: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    temporal_port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    database_url: str = ""
    processes: Stack = field(init=False)

    def __post_init__(self) -> None:
        self.processes = Stack(settings=Settings(_env_file=None), data_dir=self.root)  # type: ignore[call-arg]

    @property
    def temporal_address(self) -> str:
        return f"127.0.0.1:{self.temporal_port}"

    @property
    def pgdata(self) -> Path:
        return self.root / "pg"

    def settings(self) -> Settings:
        """Settings equal to the children's, for clients the test process opens itself."""
        return settings_for(self.database_url, temporal_address=self.temporal_address, task_queue="citaflow")

    def env(self, **more: str) -> dict[str, str]:
        base = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "TEMPORAL_"))}
        return {
            **base,
            "APP_ENV": "test",
            "DATA_DIR": str(self.root),
            "DATABASE_URL": self.database_url,
            "TEMPORAL_ADDRESS": self.temporal_address,
            "TASK_QUEUE": "citaflow",
            "PAYLOAD_KEYS": TEST_PAYLOAD_KEYS,
            **self.extra_env,
            **more,
        }

    # PostgreSQL -------------------------------------------------------------------------------------------

    def start_postgres(self) -> None:
        self.database_url = start_embedded_postgres(self.pgdata)

    def stop_postgres(self) -> None:
        stop_embedded_postgres(self.pgdata)

    # Temporal ---------------------------------------------------------------------------------------------

    def start_temporal(self) -> None:
        server = start_dev_server(
            db_file=self.root / "temporal.db",
            port=self.temporal_port,
            ui_port=self.ui_port,
            log_file=self.processes.log_file("temporal"),
        )
        self.processes.children.append(("temporal", server))
        # In a thread of its own: callers may be inside an event loop (an async test restarting the server).
        with ThreadPoolExecutor(1) as thread:
            ready = wait_until_ready(self.temporal_address, "default", timeout=START_TIMEOUT_SECONDS)
            thread.submit(asyncio.run, ready).result()

    # Workers and APIs -------------------------------------------------------------------------------------

    def start_worker(self, name: str = "worker", **env: str) -> None:
        log = self.processes.log_file(name)
        seen = log.stat().st_size if log.exists() else 0
        self.processes.spawn(name, [sys.executable, "worker.py"], self.env(**env))
        self._wait(name, lambda: WORKER_READY_LINE in log.read_text(errors="replace")[seen:])

    def start_api(self, name: str = "api", **env: str) -> str:
        """Start uvicorn on a free port; return its base URL once /ready answers 200."""
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "uvicorn", "--factory", "webhooks.app:create_app", "--port", str(port)]
        self.processes.spawn(name, command, self.env(API_PORT=str(port), PUBLIC_BASE_URL=base, **env))
        self._wait(name, lambda: _answers(f"{base}/ready"))
        return base

    def kill(self, name: str) -> None:
        """SIGKILL: no shutdown hook runs, in-flight work is simply gone (a crashed host, an OOM kill)."""
        child = self._child(name)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        self._forget(name)

    def stop(self, name: str) -> None:
        """SIGTERM, then SIGKILL after the grace period: an orderly restart or a drained worker."""
        stop_group(self._child(name))
        self._forget(name)

    def pid(self, name: str) -> int:
        return self._child(name).pid

    def log(self, name: str) -> str:
        return tail(self.processes.log_file(name), 60)

    def close(self) -> None:
        self.processes.stop()
        self.stop_postgres()

    def _child(self, name: str) -> "subprocess.Popen[bytes]":
        return next(child for n, child in self.processes.children if n == name)

    def _forget(self, name: str) -> None:
        self.processes.children = [(n, c) for n, c in self.processes.children if n != name]

    def _wait(self, name: str, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not ready():
            if self._child(name).poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start:\n{self.log(name)}")
            time.sleep(0.1)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def live_stack(extra_env: dict[str, str] | None = None) -> Iterator[LiveStack]:
    """PostgreSQL migrated and seeded with the demo salon, and the Temporal dev server; no worker or API yet."""
    stack = LiveStack(Path(tempfile.mkdtemp(prefix="cf-live-", dir="/tmp")), extra_env=dict(extra_env or {}))
    try:
        stack.start_postgres()
        upgrade_head(stack.database_url)
        asyncio.run(seed(stack.database_url))
        stack.start_temporal()
        yield stack
    finally:
        stack.close()
        shutil.rmtree(stack.root, ignore_errors=True)
