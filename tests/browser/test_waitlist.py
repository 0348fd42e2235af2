"""The waitlist in a real browser: a customer told the day is full joins the list in the demo chat, the owner sees
her in /admin, a cancellation made in /admin frees the slot, and the demo chat shows it held for her."""

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.browser.conftest import snap
from tests.browser.pages import TIMEOUT_MS, login, open_chat, say
from tests.scenarios.chat import full_but_harol_at_noon

pytestmark = pytest.mark.browser


async def test_a_waitlisted_customer_is_offered_the_slot_a_cancellation_frees(
    page: Page,
    site: str,
    worker: Worker,
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
) -> None:
    said, _ = await full_but_harol_at_noon(db, temporal_env, temporal_client, worker.task_queue, "+34699000555")

    await open_chat(page, site, phone)
    await say(page, phone, "Hola, me llamo Inés", "Encantada")
    await say(page, phone, f"quiero un corte {said}", "dime «lista de espera»")
    await say(page, phone, "vale, apúntame en la lista de espera", "¡Apuntado!")
    chat = page.locator(f"#chat-{phone.lstrip('+')}")

    admin = await page.context.new_page()
    await login(admin, site)
    await admin.click("text=Lista de espera")
    waiting = admin.locator("#waitlist tbody tr", has_text="Inés")
    await expect(waiting).to_contain_text("esperando")
    await snap(admin, "admin_waitlist")

    await admin.goto(f"{site}/admin/appointment/list")
    row = admin.locator("tbody tr", has_text="Lucía")
    await expect(row).to_have_count(1)
    await row.locator("input[type=checkbox]").check()
    admin.once("dialog", lambda dialog: dialog.accept())
    await admin.click("form.booking-action button:has-text('Cancelar con devolución')")
    await expect(admin.locator("tbody tr", has_text="Lucía")).to_contain_text("cancelada", timeout=TIMEOUT_MS)

    await page.bring_to_front()
    offer = chat.locator(".msg.outbound", has_text="Se ha liberado un hueco del día que esperabas")
    await expect(offer).to_contain_text("a las 12:00", timeout=TIMEOUT_MS)
    await expect(offer.locator("a[href*='/pay/']")).to_have_count(1)
    await snap(page, "demo_chat_waitlist_offer")

    await admin.goto(f"{site}/admin/waitlist")
    await expect(admin.locator("#waitlist tbody tr", has_text="Inés")).to_contain_text("hueco ofrecido")
