"""What PostgreSQL executed for the app's database during a window: pg_stat_statements calls and
pg_stat_database commits, read from the `postgres` database so the bench's own queries are never counted."""

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from urllib.parse import urlparse

import psycopg

from tests.live.stack import LiveStack

Connection = psycopg.AsyncConnection[tuple[object, ...]]
# An idle backend reports its pending counters (commits) up to 10 s late (PGSTAT_IDLE_INTERVAL): waiting that long
# before and after the window keeps commits made outside it out of the count, and those made inside it in.
STATS_FLUSH_SECONDS = 11


@dataclass
class Executed:
    statements: int
    commits: int
    # (calls, statement) of the most frequent, to say what ran when anything did.
    top: list[tuple[int, str]]
    # Autovacuum's own transactions count as commits but never as statements.
    autovacuumed_tables: int


def enable(stack: LiveStack) -> None:
    """The library loads only at server start: add it to postgresql.conf, restart, create the extension."""
    with (stack.pgdata / "postgresql.conf").open("a") as conf:
        conf.write("\nshared_preload_libraries = 'pg_stat_statements'\n")
    stack.stop_postgres()
    stack.start_postgres()
    with psycopg.connect(_admin_url(stack.database_url), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")


def _app_url(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def _admin_url(database_url: str) -> str:
    """The same server's `postgres` database, as a libpq URL."""
    return urlparse(_app_url(database_url))._replace(path="/postgres").geturl()


def _app_database(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


async def during(stack: LiveStack, window: Awaitable[None]) -> Executed:
    """Reset the statistics, await `window`, and say what the app's database executed meanwhile."""
    database = _app_database(stack.database_url)
    await asyncio.sleep(STATS_FLUSH_SECONDS)
    async with await psycopg.AsyncConnection.connect(_admin_url(stack.database_url), autocommit=True) as conn:
        began = await (await conn.execute("SELECT pg_stat_statements_reset(), now()")).fetchone()
        assert began is not None
        commits_before = await _commits(conn, database)
        await window
        await asyncio.sleep(STATS_FLUSH_SECONDS)
        commits = await _commits(conn, database) - commits_before
        cursor = await conn.execute(
            "SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
            "WHERE d.datname = %s ORDER BY s.calls DESC",
            (database,),
        )
        top = [(int(str(calls)), str(query)) for calls, query in await cursor.fetchall()]
    async with await psycopg.AsyncConnection.connect(_app_url(stack.database_url), autocommit=True) as conn:
        cursor = await conn.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE greatest(last_autovacuum, last_autoanalyze) >= %s",
            (began[1],),
        )
        vacuumed = await cursor.fetchone()
    assert vacuumed is not None
    return Executed(sum(calls for calls, _ in top), commits, top[:10], int(str(vacuumed[0])))


async def _commits(conn: Connection, database: str) -> int:
    cursor = await conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (database,))
    row = await cursor.fetchone()
    assert row is not None
    return int(str(row[0]))
