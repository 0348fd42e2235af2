"""A stylist's hours with a break, set in /admin in a real browser, shape the slots the demo chat offers."""

import pytest
from playwright.async_api import Page, expect
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.localtime import WEEKDAYS
from tests.browser.conftest import snap
from tests.browser.pages import TIMEOUT_MS, login, open_chat, say
from tests.scenarios.chat import weekday_ahead

pytestmark = pytest.mark.browser


async def _add_interval(page: Page, site: str, weekday: int, starts: str, ends: str) -> None:
    await page.goto(f"{site}/admin/staff-hours/create")
    await page.select_option("select[name=staff_id]", label="Harol")
    await page.select_option("select[name=weekday]", value=str(weekday))
    await page.fill("input[name=starts_at]", starts)
    await page.fill("input[name=ends_at]", ends)
    await page.click("button[name=save][value=Save]")
    await expect(page.locator("tbody")).to_contain_text(f"{starts}", timeout=TIMEOUT_MS)


async def test_a_break_set_in_admin_is_never_offered_in_the_demo_chat(
    page: Page, site: str, worker: Worker, phone: str, temporal_env: WorkflowEnvironment
) -> None:
    day, said = await weekday_ahead(temporal_env, 3)
    await login(page, site)
    # Harol breaks from 11:00 to 12:00 that weekday: a 45-minute Corte fits at 10:00, then from 12:00.
    await _add_interval(page, site, day.weekday(), "10:00", "11:00")
    await _add_interval(page, site, day.weekday(), "12:00", "20:00")
    rows = page.locator("tbody tr", has_text="Harol")
    await expect(rows).to_have_count(2)
    await expect(rows.first).to_contain_text(WEEKDAYS[day.weekday()])
    await snap(page, "09-admin-staff-hours")

    await open_chat(page, site, phone)
    await say(page, phone, "Hola, soy Ana", "Ana")
    await say(page, phone, f"quiero un corte con Harol {said}", "tengo estos huecos")
    offer = page.locator(f"#chat-{phone.lstrip('+')} .msg.outbound", has_text="tengo estos huecos").last
    await expect(offer).to_contain_text("a las 10:00 con Harol")
    await expect(offer).to_contain_text("a las 12:00 con Harol")
    text = await offer.inner_text()
    assert "a las 10:30 con Harol" not in text and "a las 11:00 con Harol" not in text, text
    await snap(page, "10-demo-chat-staff-break")
