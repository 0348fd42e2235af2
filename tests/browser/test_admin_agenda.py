"""The agenda and the dashboard in a real browser: a booking made in the demo chat is in the day's agenda under
its stylist; the dashboard draws its charts from the business's rows. Screenshots of the three pages."""

import re
from datetime import date

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.worker import Worker

from models import Appointment, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from tests.browser.conftest import snap
from tests.browser.pages import login, open_chat, say
from tests.webhooks.seeded_days import MADRID, booked, madrid, two_salons

pytestmark = pytest.mark.browser


async def test_a_booking_from_the_demo_chat_is_in_the_day_agenda_under_its_stylist(
    page: Page, site: str, worker: Worker, phone: str, db: AsyncEngine
) -> None:
    await open_chat(page, site, phone)
    await say(page, phone, "Hola! quería pedir cita para mechas", "pack Mechas + Corte")
    await say(page, phone, "sí, el pack", "tengo estos huecos")
    await say(page, phone, "la primera", "me dices tu nombre")
    await say(page, phone, "Me llamo Laura", "paga el anticipo")
    async with AsyncSession(db) as session:
        held, stylist = (await session.execute(select(Appointment, StaffMember).join(StaffMember))).one()
    day = held.start_at.astimezone(MADRID)

    await login(page, site)
    await page.goto(f"{site}/admin/agenda?dia={day.date().isoformat()}")
    column = page.locator(f'.agenda-column[data-staff="{stylist.name}"]')
    entry = column.locator(".agenda-entry", has_text="Laura")
    await expect(entry).to_contain_text(f"{day:%H:%M}")
    await expect(entry).to_contain_text("provisional")
    await expect(entry).to_contain_text("Anticipo: 16,00 € · pendiente")
    await expect(page.locator(".agenda-entry", has_text="Laura")).to_have_count(1)
    await snap(page, "admin_agenda_day")

    await page.click("text=Ver la semana")
    await expect(page.locator(f'tr[data-staff="{stylist.name}"] td[data-day="{day.date()}"]')).to_contain_text("Laura")
    await snap(page, "admin_agenda_week")
    await entry_details(page)


async def entry_details(page: Page) -> None:
    """The entry's link opens the appointment's details page, where the booking actions are."""
    await page.locator(".agenda-entry", has_text="Laura").locator("text=Ver la cita").click()
    await expect(page.locator("body")).to_contain_text("Laura")
    await expect(page).to_have_url(re.compile("/admin/appointment/details/"))


async def test_the_dashboard_draws_its_charts_from_the_business_rows(page: Page, site: str, db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        s = await two_salons(session)
        statuses = [AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED]
        for n, status in enumerate(statuses):
            session.add(booked(s.customer, s.stylist, madrid(2026, 12, 9 + n, 10, 0), status, PaymentStatus.PAID))
        session.add(booked(s.other_customer, s.other_stylist, madrid(2026, 12, 9, 10, 0)))
    await login(page, site)
    await page.fill("#desde", date(2026, 12, 1).isoformat())
    await page.fill("#hasta", date(2026, 12, 14).isoformat())
    await page.click("#period button[type=submit]")
    first_chart = page.locator("#dashboard svg").first
    await expect(first_chart.locator("rect.bar")).to_have_count(3)
    await expect(first_chart.locator("rect.bar title")).to_have_text(
        ["09/12 · confirmada: 1", "10/12 · no se presentó: 1", "11/12 · cancelada: 1"]
    )
    await expect(page.locator("#dashboard svg")).to_have_count(5)
    await snap(page, "admin_dashboard")
