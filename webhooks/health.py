"""Liveness and readiness: /health says the process is up, /ready says its dependencies answer."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from temporalio.api.workflowservice.v1 import GetSystemInfoRequest

from webhooks.deps import EngineDep, TemporalDep

router = APIRouter(tags=["health"])

# A readiness probe must answer quickly even when a dependency hangs.
CHECK_TIMEOUT_SECONDS = 2.0


@router.get("/health")
async def health() -> dict[str, str]:
    """The process is up; checks nothing else, so a restart is never triggered by a dependency."""
    return {"status": "ok"}


async def _postgres_up(engine: EngineDep) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


async def _temporal_up(client: TemporalDep) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await client.workflow_service.get_system_info(GetSystemInfoRequest())
    except Exception:
        return False
    return True


@router.get("/ready")
async def ready(engine: EngineDep, client: TemporalDep) -> JSONResponse:
    """200 when PostgreSQL and Temporal both answer; 503 naming what is down otherwise."""
    postgres, temporal = await asyncio.gather(_postgres_up(engine), _temporal_up(client))
    down = [name for name, up in (("postgres", postgres), ("temporal", temporal)) if not up]
    if down:
        return JSONResponse({"status": "unavailable", "down": down}, status_code=503)
    return JSONResponse({"status": "ready"})
