"""Add a business to a deployment from a TOML file: `python -m models.seeding.salon_file deploy/salons/example.toml`.

The file says what the business is (name, address, timezone, channel ids, Stripe account), its hours, staff,
services, packs, FAQs, and any policy that differs from the demo salon's. Running it again adds what is new and
makes what the file describes what it says, leaving what it does not describe as staff left it in /admin (the
rule of models/seeding/replace.py). A file that does not validate changes nothing.
"""

import asyncio
import logging
import sys
import tomllib
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from models.business import Business
from models.policies import BusinessPolicies, PolicyKey
from models.runtime.db import create_engine
from models.runtime.settings import get_settings
from models.seeding.demo_salon import ATREVETE, FaqSeed, PackSeed, Salon, ServiceSeed, StaffSeed
from models.seeding.replace import replace_described
from models.seeding.seed import seed_salon

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class SalonFile(BaseModel):
    """The file's shape; an unknown key is an error (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=r"^[a-z0-9-]+$", max_length=40)
    name: str
    assistant: str
    timezone: str
    address: str
    maps_url: str
    phone: str
    whatsapp_phone_number_id: str | None = None
    chatwoot_inbox_id: int | None = None
    stripe_account_id: str | None = Field(default=None, pattern=r"^acct_[A-Za-z0-9]+$")
    # Closed days are left out (on a re-apply, a day left out keeps what /admin gave it).
    hours: dict[Weekday, tuple[time, time]]
    staff: list[StaffSeed] = Field(min_length=1)
    services: list[ServiceSeed] = Field(min_length=1)
    packs: list[PackSeed] = []
    faqs: list[FaqSeed] = []
    policies: dict[PolicyKey, bool | int | Decimal] = {}

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r} (an IANA name such as Europe/Madrid)") from exc
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "SalonFile":
        for day, (opens, closes) in self.hours.items():
            if closes <= opens:
                raise ValueError(f"hours.{day}: closes at {closes:%H:%M}, not after it opens at {opens:%H:%M}")
        services = {s.name for s in self.services}
        for pack in self.packs:
            if unknown := sorted(set(pack.services) - services):
                raise ValueError(f"pack {pack.name!r} names services that are not in the file: {unknown}")
        BusinessPolicies.from_rows({key.value: value for key, value in self.salon().policies.items()})
        return self

    def salon(self) -> Salon:
        return Salon(
            slug=self.slug,
            name=self.name,
            assistant=self.assistant,
            timezone=self.timezone,
            address=self.address,
            maps_url=self.maps_url,
            phone=self.phone,
            hours={WEEKDAYS.index(day): span for day, span in self.hours.items()},
            staff=tuple(self.staff),
            services=tuple(self.services),
            packs=tuple(self.packs),
            policies={**ATREVETE.policies, **self.policies},
            faqs=tuple(self.faqs),
            whatsapp_phone_number_id=self.whatsapp_phone_number_id,
            chatwoot_inbox_id=self.chatwoot_inbox_id,
            stripe_account_id=self.stripe_account_id,
            stated_policies=tuple(self.policies),
        )


def read_salon_file(path: Path) -> Salon:
    """The salon the file describes; ValueError (with the place of each problem) when it is not valid."""
    try:
        return SalonFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8"))).salon()
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"{path}: {problems}") from exc


async def apply_salon(engine: AsyncEngine, salon: Salon) -> None:
    """Add what is missing, then make what the file describes (the business's own fields, its hours, staff,
    services, packs, FAQs and stated policies) what it says (models/seeding/replace.py). A channel id another
    business already has is refused before anything is written (webhooks could not tell the two apart)."""
    # Only the ids the file sets: `column == None` would be IS NULL, matching every business without one.
    claimed = [
        column == value
        for column, value in (
            (col(Business.whatsapp_phone_number_id), salon.whatsapp_phone_number_id),
            (col(Business.chatwoot_inbox_id), salon.chatwoot_inbox_id),
        )
        if value is not None
    ]
    taken = None
    if claimed:
        async with engine.connect() as conn:
            query = select(Business.slug).where(col(Business.slug) != salon.slug, or_(*claimed))
            taken = (await conn.execute(query)).scalar_one_or_none()
    if taken is not None:
        raise ValueError(f"{salon.slug}: a channel id of the file is already business {taken!r}'s")
    await seed_salon(engine, salon)
    async with engine.begin() as conn:
        business_id = (await conn.execute(select(Business.id).where(col(Business.slug) == salon.slug))).scalar_one()
        await replace_described(conn, business_id, salon, salon.stated_policies)
        await conn.execute(
            update(Business)
            .where(col(Business.slug) == salon.slug)
            .values(
                name=salon.name,
                assistant_name=salon.assistant,
                timezone=salon.timezone,
                address=salon.address,
                maps_url=salon.maps_url,
                phone=salon.phone,
                whatsapp_phone_number_id=salon.whatsapp_phone_number_id,
                chatwoot_inbox_id=salon.chatwoot_inbox_id,
                stripe_account_id=salon.stripe_account_id,
            )
        )


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level)
    if len(sys.argv) != 2:
        sys.exit("usage: python -m models.seeding.salon_file SALON.toml")
    try:
        salon = read_salon_file(Path(sys.argv[1]))
    except (OSError, ValueError) as exc:
        sys.exit(str(exc))
    engine = create_engine(settings.require_database_url())

    async def run() -> None:
        try:
            await apply_salon(engine, salon)
        finally:
            await engine.dispose()

    try:
        asyncio.run(run())
    except ValueError as exc:
        sys.exit(str(exc))
    sys.stdout.write(
        f"{salon.slug}: {salon.name} is set up ({len(salon.staff)} staff, {len(salon.services)} services)\n"
    )


if __name__ == "__main__":
    main()
