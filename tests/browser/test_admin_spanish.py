"""/admin in a real browser is Spanish on every page a receptionist can reach: the login, the home page, every
view's list, a row's details, the forms. Screenshots of the home page and an appointment for the README."""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Locator, Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Closure, Message
from models.enums import Channel, Direction
from models.queries import get_business
from tests.browser.conftest import snap
from tests.factories import confirmed_with_a_service, make_customer, make_staff
from tests.settings_for import conversation_of

pytestmark = pytest.mark.browser
ENGLISH = (
    "Filters", "Actions", "Export", "Search", "Save", "Go Back", "New ", "Delete", "Next", "Previous", "Login",
    "Username", "Password", "inbound", "outbound", "Showing", "entries", "All",
)  # fmt: skip
# Everything the page holds as text, shown or not yet (dropdowns, dialogs), but not its scripts.
TEXT_OF_PAGE = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll("script, style").forEach((node) => node.remove());
  return copy.textContent;
}"""
MADRID = ZoneInfo("Europe/Madrid")


async def _english_on(page: Page) -> list[str]:
    text = await page.evaluate(TEXT_OF_PAGE)
    return [word for word in ENGLISH if word in text]


async def _salon_day(db: AsyncEngine) -> None:
    """One appointment today (with its service), a conversation both ways, a closure: every view has a row."""
    phone = "+34611222333"
    async with AsyncSession(db) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        customer = await make_customer(session, salon, phone=phone)
        customer.last_name = "Ortega"
        stylist = await make_staff(session, salon, name="Rocío")
        start = datetime.combine(datetime.now(MADRID).date(), time(17, 30), MADRID)
        await confirmed_with_a_service(session, salon, customer=customer, staff=stylist, start=start)
        session.add(Closure(business_id=salon.id, start_date=start.date(), end_date=start.date(), reason="Inventario"))
        for n, direction in enumerate(Direction):
            session.add(
                Message(
                    business_id=salon.id,
                    customer_phone=phone,
                    direction=direction,
                    channel=Channel.CONSOLE,
                    external_id=f"m{n}",
                    body="¿A qué hora abrís?" if direction == Direction.INBOUND else "Abrimos a las 10:00.",
                    workflow_id=conversation_of("atrevete", phone),
                )
            )


async def test_every_admin_page_is_in_spanish(page: Page, site: str, db: AsyncEngine) -> None:
    await _salon_day(db)
    await page.goto(f"{site}/admin/login")
    assert await _english_on(page) == [], "the login page"
    await page.fill("input[name=username]", "admin")
    await page.fill("input[name=password]", "no-es-la-clave")
    await page.click("button[type=submit]")
    await expect(page.locator("body")).to_contain_text("Usuario o contraseña incorrectos.")
    assert await _english_on(page) == [], "the login page refusing"
    await snap(page, "admin_login")
    await page.fill("input[name=username]", "admin")
    await page.fill("input[name=password]", "atrevete")
    await page.click("button[type=submit]")
    await expect(page).not_to_have_url(re.compile("/login"))

    await expect(page.locator("#today")).to_contain_text("Lucía Ortega")
    assert await _english_on(page) == [], "the home page"
    await snap(page, "admin_home")

    menu = [await link.get_attribute("href") for link in await page.locator("#navbar-menu a.nav-link").all()]
    assert len(menu) >= 13, menu
    visited = []
    for href in menu:
        assert href is not None
        await page.goto(href if href.startswith("http") else f"{site}{href}")
        visited.append(page.url)
        assert await _english_on(page) == [], page.url
        for kind in ("details", "edit"):
            links = page.locator(f"tbody a[href*='/{kind}/']")
            if await links.count():
                await page.goto(await _href(links.first, site))
                visited.append(page.url)
                assert await _english_on(page) == [], page.url
                await page.go_back()
    await page.goto(f"{site}/admin/closure/create")
    assert await _english_on(page) == [], "the closure form"
    assert any("/appointment/details/" in url for url in visited) and any("/closure/edit/" in url for url in visited)


async def test_the_appointment_list_and_details_read_as_the_salon_speaks(
    page: Page, site: str, db: AsyncEngine
) -> None:
    await _salon_day(db)
    await page.goto(f"{site}/admin/login")
    await page.fill("input[name=username]", "admin")
    await page.fill("input[name=password]", "atrevete")
    await page.click("button[type=submit]")
    await page.goto(f"{site}/admin/appointment/list")
    row = page.locator("tbody tr", has_text="confirmada")
    await expect(row).to_contain_text("17:30")
    await expect(page.locator("#filter-sidebar")).to_contain_text("no se presentó")
    await snap(page, "admin_appointments")
    await page.goto(await _href(row.locator("a[href*='/details/']").first, site))
    body = page.locator("body")
    await expect(body).to_contain_text("Lucía Ortega (+34611222333)")
    await expect(body).to_contain_text("Rocío")
    await expect(body).to_contain_text(f"{datetime.now(MADRID):%d/%m/%Y} 17:30")
    await snap(page, "admin_appointment_detail")


async def _href(link: Locator, site: str) -> str:
    href = await link.get_attribute("href")
    assert href is not None
    return href if href.startswith("http") else f"{site}{href}"
