"""In Chromium, the receptionist books a walk-in from /admin → "Nueva cita" (deposit paid at the desk), finds it in
the day's agenda under its stylist, and moves it from the appointment's page. Screenshots for the README."""

import re
from datetime import date

import pytest
from playwright.async_api import Page, expect
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.browser.conftest import snap
from tests.browser.pages import TIMEOUT_MS, login
from tests.scenarios.chat import weekday_ahead

pytestmark = pytest.mark.browser


async def _book_walk_in(page: Page, site: str, phone: str, day: date) -> None:
    """Through the menu and the form, as the receptionist does: a Corte with Harol at 12:00, paid at the desk."""
    await login(page, site)
    await page.click("#navbar-menu a.nav-link:has-text('Nueva cita')")
    await page.fill("#phone", phone.removeprefix("+34"))
    await page.fill("#name", "Carmen Ruiz")
    corte = await page.locator("#services option", has_text=re.compile(r"^Corte ·")).get_attribute("value")
    assert corte is not None
    await page.select_option("#services", value=corte)
    await page.select_option("#staff", label="Harol")
    await page.fill("#day", day.isoformat())
    await page.fill("#at", "12:00")
    await page.check("input[name=deposit][value=desk]")
    await snap(page, "admin_desk_new")
    await page.click("button:has-text('Reservar')")
    await expect(page.locator(".alert-success")).to_have_text(
        "Cita confirmada para Carmen Ruiz; el profesional ya lo sabe.", timeout=TIMEOUT_MS
    )


async def _harol_on(page: Page, site: str, day: date) -> None:
    """The Agenda from the menu, then the day from its date picker."""
    await page.click("#navbar-menu a.nav-link:has-text('Agenda')")
    await page.fill("#agenda-day", day.isoformat())
    await page.click("button:has-text('Ir')")
    await expect(page).to_have_url(re.compile(f"dia={day.isoformat()}"))


async def test_a_walk_in_booked_at_the_desk_is_in_the_day_agenda_under_its_stylist(
    page: Page, site: str, worker: Worker, phone: str, temporal_env: WorkflowEnvironment
) -> None:
    day, _ = await weekday_ahead(temporal_env, 4)
    await _book_walk_in(page, site, phone, day)

    await _harol_on(page, site, day)
    entry = page.locator('.agenda-column[data-staff="Harol"] .agenda-entry', has_text="Carmen Ruiz")
    await expect(entry).to_contain_text("12:00–12:45")
    await expect(entry).to_contain_text("confirmada")
    await expect(entry).to_contain_text("Corte")
    await expect(page.locator(".agenda-entry", has_text="Carmen Ruiz")).to_have_count(1)
    await snap(page, "admin_agenda_walk_in")


async def test_a_walk_in_moved_from_its_page_shows_the_new_time(
    page: Page, site: str, worker: Worker, phone: str, temporal_env: WorkflowEnvironment
) -> None:
    day, _ = await weekday_ahead(temporal_env, 4)
    await _book_walk_in(page, site, phone, day)
    await _harol_on(page, site, day)
    await page.locator(".agenda-entry", has_text="Carmen Ruiz").locator("text=Ver la cita").click()
    starts = page.locator("tr", has=page.locator("th", has_text="Empieza")).locator("td")
    await expect(starts).to_have_text(f"{day:%d/%m/%Y} 12:00")

    await page.click("text=Mover esta cita")
    await expect(page.locator("#at")).to_have_value("12:00")
    await page.fill("#at", "16:30")
    await page.click("button:has-text('Mover la cita')")
    await expect(page).to_have_url(re.compile("/admin/appointment/details/"), timeout=TIMEOUT_MS)
    await expect(starts).to_have_text(f"{day:%d/%m/%Y} 16:30")
    await expect(page.locator("tr", has=page.locator("th", has_text="Profesional"))).to_contain_text("Harol")
