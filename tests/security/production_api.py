"""The API as production runs it: `uvicorn --factory` in its own process with APP_ENV=production and the
Kubernetes manifest's flags, on the test session's PostgreSQL and Temporal test server. Nothing it calls
leaves loopback (the Graph and Stripe API bases point at a closed local port)."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from models.passwords import hash_password
from tests.live.stack import free_port
from tests.settings_for import TEST_PAYLOAD_KEYS

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 60
ADMIN_PASSWORD = "contraseña-de-producción"
# Each at least 32 bytes: production refuses shorter ones.
SECRETS = {
    "WHATSAPP_APP_SECRET": "meta-app-secret-for-the-security-suite",
    "WHATSAPP_VERIFY_TOKEN": "verify-token-that-must-never-be-logged",
    "CHATWOOT_WEBHOOK_SECRET": "chatwoot-webhook-secret-for-the-suite",
    "STRIPE_WEBHOOK_SECRET": "whsec_security_suite_endpoint_secret",
    "SESSION_SECRET": "session-secret-for-the-security-suite-0123456789",
    "PSEUDONYM_SECRET": "pseudonym-secret-for-the-security-suite-01234",
}


# What the production API starts lands here; a test that makes it start a workflow runs a worker on this queue.
PRODUCTION_TASK_QUEUE = "citaflow-production-api"


def production_env(database_url: str, temporal_address: str, **overrides: str) -> dict[str, str]:
    closed = f"http://127.0.0.1:{free_port()}"
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "TEMPORAL_"))}
    return {
        **base,
        "APP_ENV": "production",
        "DATABASE_URL": database_url,
        "TEMPORAL_ADDRESS": temporal_address,
        "TASK_QUEUE": PRODUCTION_TASK_QUEUE,
        "MESSAGING_BACKEND": "whatsapp_cloud",
        "WHATSAPP_ACCESS_TOKEN": "EAAG-security-suite",
        "WHATSAPP_PHONE_NUMBER_ID": "1122334455667",
        "WHATSAPP_API_BASE": closed,
        "PAYMENTS_BACKEND": "stripe",
        "STRIPE_SECRET_KEY": "sk_test_security_suite",
        "STRIPE_API_BASE": closed,
        "ADMIN_PASSWORD_HASH": hash_password(ADMIN_PASSWORD),
        "PAYLOAD_KEYS": TEST_PAYLOAD_KEYS,
        **SECRETS,
        **overrides,
    }


@dataclass
class ProductionApi:
    process: "subprocess.Popen[bytes]"
    base_url: str
    port: int
    metrics_port: int
    log: Path

    def rss_kib(self) -> int:
        """The resident memory now, and the peak since then starts being tracked from it (VmHWM reset)."""
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        return _status_kib(self.process.pid, "VmRSS")

    def peak_rss_kib(self) -> int:
        """The highest resident memory since the last `rss_kib`."""
        return _status_kib(self.process.pid, "VmHWM")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def command(port: int) -> list[str]:
    """The manifest's command (deploy/k8s/api.yaml), on loopback."""
    app = ["-m", "uvicorn", "--factory", "webhooks.app:create_app"]
    return [sys.executable, *app, "--host", "127.0.0.1", "--port", str(port), "--proxy-headers"]


def start_production_api(env: dict[str, str]) -> ProductionApi:
    port, metrics_port = free_port(), free_port()
    log = Path(tempfile.mkstemp(prefix="cf-prod-api-", suffix=".log")[1])
    env = {**env, "METRICS_ADDRESS": f"127.0.0.1:{metrics_port}", "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    with log.open("wb") as out:
        process = subprocess.Popen(command(port), cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    api = ProductionApi(process, f"http://127.0.0.1:{port}", port, metrics_port, log)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _answers(f"{api.base_url}/ready"):
        if process.poll() is not None or time.monotonic() > deadline:
            api.stop()
            raise RuntimeError(f"the production API did not start:\n{api.log_text()[-4000:]}")
        time.sleep(0.2)
    return api


def refused_start(env: dict[str, str]) -> str:
    """Run the production command expecting it to refuse to start; what it said."""
    done = subprocess.run(command(free_port()), cwd=REPO, env=env, capture_output=True, timeout=60)
    assert done.returncode != 0, "the API started with a configuration production must refuse"
    return (done.stdout + done.stderr).decode(errors="replace")


def send_raw(port: int, head: bytes, body_chunks: int, chunk: bytes) -> tuple[int, float]:
    """Send a request head, then up to `body_chunks` chunks, stopping when the server answers or hangs up;
    the status code it answered and the seconds it took. For bodies far bigger than anything httpx would
    keep sending once the server stopped reading."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(head)
        conn.setblocking(False)
        answer = b""
        for _ in range(body_chunks):
            with contextlib.suppress(BlockingIOError):
                answer += conn.recv(65536)
            if answer:
                break
            try:
                conn.setblocking(True)
                conn.sendall(chunk)
                conn.setblocking(False)
            except OSError:
                break
        conn.setblocking(True)
        conn.settimeout(10)
        while b"\r\n" not in answer:
            try:
                more = conn.recv(65536)
            except OSError:
                break
            if not more:
                break
            answer += more
    status_line = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    assert status_line.startswith("HTTP/1.1 "), f"no HTTP answer: {answer[:200]!r}"
    return int(status_line.split()[1]), time.monotonic() - started


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)
