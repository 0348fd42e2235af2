"""In a real browser: a customer writes in the demo chat, staff take the conversation over in /admin and answer,
the answer reaches the customer's chat, and once handed back Maite answers the next message."""

import pytest
from playwright.async_api import Page, expect
from temporalio.worker import Worker

from tests.browser.conftest import snap
from tests.browser.pages import TIMEOUT_MS, login, open_chat, say

pytestmark = pytest.mark.browser


async def test_staff_take_over_answer_and_hand_back(page: Page, site: str, worker: Worker, phone: str) -> None:
    await open_chat(page, site, phone)
    await say(page, phone, "hola", "Maite")
    chat = page.locator(f"#chat-{phone.lstrip('+')}")

    admin = await page.context.new_page()
    await login(admin, site)
    await admin.goto(f"{site}/admin/conversations")
    await admin.locator("tbody tr", has_text=phone).get_by_role("link", name="Abrir").click()
    await admin.get_by_role("button", name="Tomar la conversación").click()
    await expect(admin.get_by_text("Con el equipo: Maite no contesta")).to_be_visible()

    await page.bring_to_front()
    answered = await chat.locator(".msg.outbound").count()
    await chat.locator("form input").fill("¿me puede atender una persona?")
    await chat.locator("form button").click()
    await expect(chat.locator(".msg.inbound", has_text="¿me puede atender una persona?")).to_be_visible()

    await admin.bring_to_front()
    await admin.reload()
    await expect(admin.locator("tbody tr", has_text="¿me puede atender una persona?")).to_contain_text("cliente")
    await admin.fill("textarea[name=text]", "Hola, soy del salón: te llamo en cinco minutos.")
    await admin.get_by_role("button", name="Enviar respuesta").click()
    staff_row = admin.locator("tbody tr", has_text="te llamo en cinco minutos")
    await expect(staff_row).to_contain_text("admin")
    await snap(admin, "takeover-admin-thread")

    await page.bring_to_front()
    staff_reply = chat.locator(".msg.outbound", has_text="te llamo en cinco minutos")
    await expect(staff_reply).to_be_visible(timeout=TIMEOUT_MS)
    # Maite stayed silent: the only new answer is the staff member's.
    await expect(chat.locator(".msg.outbound")).to_have_count(answered + 1)

    await admin.bring_to_front()
    await admin.get_by_role("button", name="Devolver al bot").click()
    await expect(admin.get_by_role("button", name="Tomar la conversación")).to_be_visible()

    await page.bring_to_front()
    await chat.locator("form input").fill("¿dónde estáis?")
    await chat.locator("form button").click()
    await expect(chat.locator(".msg.outbound")).to_have_count(answered + 2, timeout=TIMEOUT_MS)
