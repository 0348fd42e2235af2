"""The initial migration goes up, down and up again on a real PostgreSQL, and matches the models."""

import importlib
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from migrations.apply import alembic_config, downgrade_base, upgrade_head

KEYWORDS = importlib.import_module("migrations.versions.0008_vocabulary_as_data")
KEYWORDS_BEFORE, KEYWORDS_AFTER = KEYWORDS.KEYWORDS_BEFORE, KEYWORDS.KEYWORDS_AFTER


def _libpq_url(url: str, database: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://").replace("/citaflow_test?", f"/{database}?")


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    """An empty database of its own, so the round trip cannot disturb the session's database."""
    admin = _libpq_url(database_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS citaflow_roundtrip")
        conn.execute("CREATE DATABASE citaflow_roundtrip")
    yield database_url.replace("/citaflow_test?", "/citaflow_roundtrip?")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE citaflow_roundtrip WITH (FORCE)")


def _tables_and_extensions(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            extensions = {row[0] for row in conn.exec_driver_sql("SELECT extname FROM pg_extension")}
    finally:
        engine.dispose()
    return tables, extensions


def test_migration_round_trip_up_down_up(scratch_url: str) -> None:
    upgrade_head(scratch_url)
    tables, extensions = _tables_and_extensions(scratch_url)
    assert tables == set(SQLModel.metadata.tables)
    assert {"btree_gist", "pg_trgm"} <= extensions

    downgrade_base(scratch_url)
    tables, extensions = _tables_and_extensions(scratch_url)
    assert tables == set()
    assert not {"btree_gist", "pg_trgm"} & extensions

    upgrade_head(scratch_url)
    assert _tables_and_extensions(scratch_url)[0] == set(SQLModel.metadata.tables)


def test_migrations_match_models(database_url: str) -> None:
    """A model changed without a migration shows up here as a diff."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_alembic_has_a_single_head(database_url: str) -> None:
    assert len(ScriptDirectory.from_config(alembic_config(database_url)).get_heads()) == 1


def test_the_demo_words_are_replaced_only_where_nobody_changed_them(scratch_url: str) -> None:
    """0008: the old single-word FAQ keywords ("cancelar" would make a cancellation a policy question) become
    the new ones; a list staff wrote stays theirs."""
    config = alembic_config(scratch_url)
    command.upgrade(config, "0007")
    engine = create_engine(scratch_url)
    try:
        with engine.begin() as conn:
            business = conn.execute(
                text(
                    "INSERT INTO business (id, slug, name, assistant_name, timezone, address, maps_url, phone) "
                    "VALUES (gen_random_uuid(), 'old', 'Old', 'Maite', 'Europe/Madrid', 'x', 'x', '+34910000000') "
                    "RETURNING id"
                )
            ).scalar_one()
            for topic, words in (("cancellation", KEYWORDS_BEFORE["cancellation"]), ("parking", ["garaje"])):
                conn.execute(
                    text(
                        "INSERT INTO faq (id, business_id, topic, question, answer, keywords) "
                        "VALUES (gen_random_uuid(), :b, :t, 'q', 'a', :k)"
                    ),
                    {"b": business, "t": topic, "k": words},
                )
        upgrade_head(scratch_url)
        with engine.connect() as conn:
            keywords = {topic: words for topic, words in conn.execute(text("SELECT topic, keywords FROM faq"))}
    finally:
        engine.dispose()
    assert keywords == {"cancellation": KEYWORDS_AFTER["cancellation"], "parking": ["garaje"]}
    assert "cancelar" not in keywords["cancellation"]
