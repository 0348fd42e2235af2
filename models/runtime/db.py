"""Engine and session factory: one async engine per process, built by the entry points."""

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def create_engine(database_url: str, *, pool_size: int = 5) -> AsyncEngine:
    """An async psycopg engine; `pool_pre_ping` lets activities survive a PostgreSQL restart. A failing
    statement's error never shows its parameters: they are what customers wrote, and errors end up in logs and in
    workflow histories."""
    return create_async_engine(database_url, pool_size=pool_size, pool_pre_ping=True, hide_parameters=True)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
