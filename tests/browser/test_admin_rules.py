"""In Chromium, the owner opens Sunday in /admin → "Horario", saves, and the page says the hours are saved and
shows them; a screenshot of the page for the README."""

from datetime import time

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select

from models import OpeningHours
from tests.browser.conftest import snap
from tests.browser.pages import login

pytestmark = pytest.mark.browser
SUNDAY = 6


async def test_opening_hours_of_a_day_changed_in_admin_are_saved(page: Page, site: str, db: AsyncEngine) -> None:
    await login(page, site)

    # Exactly: "Horario de profesionales" is in the menu too, before it.
    await page.locator("#navbar-menu").get_by_role("link", name="Horario", exact=True).click()
    sunday = page.locator(f"#day-{SUNDAY}")
    await expect(sunday).to_contain_text("cerrado")
    await sunday.get_by_label("Domingo: abre (tramo 1)").fill("10:00")
    await sunday.get_by_label("Domingo: cierra (tramo 1)").fill("14:00")
    await page.click("text=Guardar el horario")

    await expect(page.locator("#saved")).to_have_text("Horario guardado.")
    await expect(sunday.get_by_label("Domingo: abre (tramo 1)")).to_have_value("10:00")
    await expect(sunday).not_to_contain_text("cerrado")
    await snap(page, "admin_hours")
    async with AsyncSession(db) as session:
        rows = await session.execute(select(OpeningHours).where(OpeningHours.weekday == SUNDAY))
        assert [(r.opens_at, r.closes_at) for r in rows.scalars()] == [(time(10), time(14))]
