"""Staff logins to /admin, each belonging to one business: `python -m webhooks.admin.accounts create SLUG USERNAME`.

The password is asked for (read from stdin when that is not a terminal, for scripts); only its hash is stored.
"""

import argparse
import asyncio
import getpass
import sys

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import AdminAccount
from models.passwords import hash_password
from models.queries import UnknownBusinessError, get_business
from models.runtime.db import create_engine, session_factory
from models.runtime.settings import Settings


class AccountError(ValueError):
    """A login that cannot be created; the message tells the operator why."""


async def create_account(
    sessions: async_sessionmaker[AsyncSession], *, slug: str, username: str, password: str
) -> None:
    async with sessions() as session:
        try:
            business = await get_business(session, slug=slug)
        except UnknownBusinessError:
            raise AccountError(f"no hay ningún negocio «{slug}»") from None
        account = AdminAccount(business_id=business.id, username=username, password_hash=hash_password(password))
        session.add(account)
        try:
            await session.commit()
        except IntegrityError:
            raise AccountError(f"el usuario «{username}» ya existe") from None


def _read_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("Contraseña: ")
        if getpass.getpass("Repítela: ") != password:
            raise AccountError("las contraseñas no coinciden")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise AccountError("la contraseña no puede estar vacía")
    return password


async def _create(settings: Settings, *, slug: str, username: str, password: str) -> None:
    engine = create_engine(settings.require_database_url(), pool_size=1)
    try:
        await create_account(session_factory(engine), slug=slug, username=username, password=password)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m webhooks.admin.accounts", description="Usuarios de /admin.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="crea un usuario que ve y gestiona un negocio")
    create.add_argument("business", metavar="BUSINESS_SLUG")
    create.add_argument("username", metavar="USERNAME")
    args = parser.parse_args(argv)
    try:
        password = _read_password()
        asyncio.run(_create(Settings(), slug=args.business, username=args.username, password=password))
    except AccountError as error:
        raise SystemExit(f"error: {error}") from None
    sys.stdout.write(f"Usuario «{args.username}» creado para «{args.business}».\n")


if __name__ == "__main__":
    main()
