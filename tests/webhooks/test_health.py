"""/health says the process is up; /ready names the dependency that is down."""

import shutil
import tempfile
import uuid
from pathlib import Path

import httpx
from temporalio.client import Client

from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from models.runtime.settings import Settings
from models.runtime.temporal_client import connect_temporal
from tests.app_client import client_for


async def test_health_and_ready_when_everything_is_up(api: httpx.AsyncClient) -> None:
    assert (await api.get("/health")).json() == {"status": "ok"}
    ready = await api.get("/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


async def test_ready_is_503_naming_postgres_when_it_stops(temporal_client: Client) -> None:
    root = Path(tempfile.mkdtemp(prefix="cf-ready-", dir="/tmp"))
    try:
        url = start_embedded_postgres(root / "pg", database="ready_check")
        settings = Settings(_env_file=None, app_env="test", database_url=url)  # type: ignore[call-arg]
        async with client_for(settings, temporal_client) as client:
            assert (await client.get("/ready")).status_code == 200
            stop_embedded_postgres(root / "pg")
            down = await client.get("/ready")
            assert down.status_code == 503
            assert down.json() == {"status": "unavailable", "down": ["postgres"]}
            assert (await client.get("/health")).status_code == 200
    finally:
        stop_embedded_postgres(root / "pg")
        shutil.rmtree(root, ignore_errors=True)


async def test_ready_is_503_naming_temporal_when_unreachable(database_url: str) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        app_env="test",
        database_url=database_url,
        temporal_address="127.0.0.1:1",  # nothing listens on port 1
        task_queue=f"t-{uuid.uuid4()}",
    )
    unreachable = await connect_temporal(settings, lazy=True)
    async with client_for(settings, unreachable) as client:
        down = await client.get("/ready")
        assert down.status_code == 503
        assert down.json()["down"] == ["temporal"]
