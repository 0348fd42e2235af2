"""`python -m webhooks.admin.accounts create SLUG USERNAME`: a login of that business, stored hashed, refused
clearly for an unknown business or a taken username."""

import asyncio
import os
import sys
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from models import AdminAccount
from models.queries import get_business
from tests.factories import make_business, make_customer

PROJECT = Path(__file__).resolve().parents[2]


async def _cli(database_url: str, *args: str, password: str) -> tuple[int, str]:
    """Runs the command as an operator would, the password on stdin (not a terminal)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "webhooks.admin.accounts",
        *args,
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": database_url, "APP_ENV": "test"},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate(f"{password}\n".encode())
    return await process.wait(), output.decode()


async def test_the_cli_creates_a_working_login_of_its_business(
    api: httpx.AsyncClient, db: AsyncEngine, database_url: str
) -> None:
    async with AsyncSession(db) as session, session.begin():
        await make_customer(session, await get_business(session, slug="atrevete"), phone="+34611111111")
        await make_customer(session, await make_business(session, slug="bella"), phone="+34622222222")

    code, output = await _cli(database_url, "create", "bella", "ana", password="clave de Ana")
    assert code == 0, output

    async with AsyncSession(db) as session:
        [account] = (await session.execute(select(AdminAccount))).scalars()
    assert account.username == "ana" and account.password_hash.startswith("$argon2id$")
    assert "clave de Ana" not in account.password_hash
    login = await api.post("/admin/login", data={"username": "ana", "password": "clave de Ana"})
    assert login.status_code in (302, 303), login.text
    customers = (await api.get("/admin/customer/list")).text
    assert "+34622222222" in customers and "+34611111111" not in customers


async def test_the_cli_refuses_an_unknown_business_and_a_taken_username(db: AsyncEngine, database_url: str) -> None:
    code, output = await _cli(database_url, "create", "no-existe", "ana", password="clave")
    assert code == 1 and "no hay ningún negocio «no-existe»" in output

    assert (await _cli(database_url, "create", "atrevete", "ana", password="clave"))[0] == 0
    code, output = await _cli(database_url, "create", "atrevete", "ana", password="otra")
    assert code == 1 and "el usuario «ana» ya existe" in output
    async with AsyncSession(db) as session:
        assert len((await session.execute(select(AdminAccount))).scalars().all()) == 1
