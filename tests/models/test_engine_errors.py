"""A failing statement's error names the statement, never its parameters: they are what customers wrote, and
such errors reach logs and workflow histories."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine


async def test_a_refused_value_is_not_shown_in_the_error(engine: AsyncEngine) -> None:
    with pytest.raises(DBAPIError) as refused:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT CAST(:said AS text), 1 / 0"), {"said": "mi clave es pelirroja"})
    assert "1 / 0" in str(refused.value), "the statement is still named"
    assert "pelirroja" not in str(refused.value)
