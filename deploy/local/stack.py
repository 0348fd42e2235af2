"""`make run`: the whole stack on one machine, with nothing installed but the Python dependencies.

Starts embedded PostgreSQL (unless DATABASE_URL is set) and the Temporal dev server (unless TEMPORAL_ADDRESS
is set; CITAFLOW_START_TEMPORAL=1 starts one on that address anyway), migrates, seeds the demo salon, runs
the worker (a version of the deployment whose build is the checked-out commit, made current once it polls, running
the runs an earlier commit started too) and the API, and prints the URLs. Ctrl-C stops every process it started,
in reverse order.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from urllib.parse import urlparse

import httpx

from deploy.current_version import make_current
from deploy.local.builds import adopt_earlier_runs, git_build_id
from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from deploy.local.temporal_dev import start_dev_server, wait_until_ready
from migrations.apply import upgrade_head
from models.runtime.db import create_engine
from models.runtime.settings import Settings, get_settings
from models.seeding.seed import seed_salon

REPO = Path(__file__).resolve().parents[2]
STOP_GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 90


@dataclass
class Stack:
    settings: Settings
    data_dir: Path
    children: list[tuple[str, "subprocess.Popen[bytes]"]] = field(default_factory=list)
    pgdata: Path | None = None
    build_id: str | None = None
    adopted_runs: int = 0

    def log_file(self, name: str) -> Path:
        return self.data_dir / "logs" / f"{name}.log"

    def spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.log_file(name).parent.mkdir(parents=True, exist_ok=True)
        with self.log_file(name).open("ab") as log:
            child = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.children.append((name, child))

    def dead_child(self) -> str | None:
        return next((name for name, child in self.children if child.poll() is not None), None)

    def stop(self) -> None:
        """Reverse start order: the API stops taking requests before the worker and Temporal go."""
        for _, child in reversed(self.children):
            stop_group(child)
        self.children.clear()
        if self.pgdata is not None:
            stop_embedded_postgres(self.pgdata)


def stop_group(child: "subprocess.Popen[bytes]") -> None:
    if child.poll() is not None:
        return
    os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def _port(address: str) -> int:
    return urlparse(address if "://" in address else f"//{address}").port or 0


def tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def start(stack: Stack) -> None:
    settings = stack.settings
    database_url = settings.database_url
    if not database_url:
        stack.pgdata = stack.data_dir / "pg"
        database_url = start_embedded_postgres(stack.pgdata)
    if "TEMPORAL_ADDRESS" not in os.environ or os.environ.get("CITAFLOW_START_TEMPORAL") == "1":
        server = start_dev_server(
            db_file=stack.data_dir / "temporal.db",
            port=_port(settings.temporal_address),
            ui_port=_port(settings.temporal_ui_url),
            # The Web UI decrypts payloads through the API's codec server (webhooks/privacy/codec_server.py).
            codec_endpoint=f"{settings.public_base_url}/codec",
            log_file=stack.log_file("temporal"),
        )
        stack.children.append(("temporal", server))
    asyncio.run(wait_until_ready(settings.temporal_address, settings.temporal_namespace, timeout=60))
    upgrade_head(database_url)
    asyncio.run(seed(database_url))
    stack.build_id = settings.worker_build_id or git_build_id(REPO)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TEMPORAL_ADDRESS": settings.temporal_address,
        # Every child encrypts with the same key: PAYLOAD_KEYS if set, else the data folder's development key.
        "PAYLOAD_KEYS": settings.payload_key_set().text(),
        **({"WORKER_BUILD_ID": stack.build_id} if stack.build_id else {}),
    }
    stack.spawn("worker", [sys.executable, "worker.py"], env)
    api = [sys.executable, "-m", "uvicorn", "--factory", "webhooks.app:create_app", "--host", settings.api_host]
    stack.spawn("api", [*api, "--port", str(settings.api_port)], env)
    _wait_for_api(stack)
    if stack.build_id:
        _make_worker_current(stack, stack.build_id)


async def seed(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        await seed_salon(engine)
    finally:
        await engine.dispose()


def _wait_for_api(stack: Stack) -> None:
    url = f"http://{stack.settings.api_host}:{stack.settings.api_port}/ready"
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        dead = stack.dead_child()
        if dead:
            raise RuntimeError(f"{dead} exited during start-up:\n{tail(stack.log_file(dead))}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"the API was not ready within {READY_TIMEOUT_SECONDS} s:\n{tail(stack.log_file('api'))}")


def _make_worker_current(stack: Stack, build_id: str) -> None:
    """Without a current version, new workflows would wait for an unversioned worker that never comes; without
    adopting them, runs of an earlier commit would wait for its worker."""

    def alive() -> bool:
        return stack.dead_child() is None

    try:
        asyncio.run(make_current(stack.settings, build_id, alive=alive, timeout=READY_TIMEOUT_SECONDS))
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n{tail(stack.log_file('worker'))}") from error
    stack.adopted_runs = asyncio.run(adopt_earlier_runs(stack.settings, build_id))


def _announce(stack: Stack) -> None:
    base = f"http://{stack.settings.api_host}:{stack.settings.api_port}"
    print("citaflow is running", flush=True)
    print(f"  Demo chat:        {base}/demo")
    print(f"  Staff admin:      {base}/admin   (demo login: {stack.settings.admin_username} / atrevete)")
    print(f"  Temporal Web UI:  {stack.settings.temporal_ui_url}")
    build = f"{stack.build_id} (current)" if stack.build_id else "unversioned (not a git checkout)"
    if stack.adopted_runs:
        build += f", also running {stack.adopted_runs} workflows an earlier build started"
    print(f"  Worker build:     {build}")
    print(f"  Data folder:      {stack.data_dir.resolve()}")
    print("Ctrl-C stops everything.", flush=True)


def main() -> int:
    settings = get_settings()
    stack = Stack(settings=settings, data_dir=settings.data_dir)
    stopping = False

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        start(stack)
        _announce(stack)
        while not stopping:
            dead = stack.dead_child()
            if dead:
                print(f"{dead} stopped unexpectedly; stopping everything.\n{tail(stack.log_file(dead))}")
                return 1
            time.sleep(0.5)
        return 0
    finally:
        print("Stopping citaflow…", flush=True)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
