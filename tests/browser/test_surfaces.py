"""What people see, in a real browser: the demo chat, the pay page and /admin, through the whole real path."""

import re

import pytest
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Message, Service
from models.enums import Channel, Direction
from models.queries import get_business
from tests.browser.conftest import snap
from tests.browser.pages import TIMEOUT_MS, login, open_chat, say
from tests.scenarios.chat import weekday_ahead
from tests.settings_for import conversation_of

pytestmark = pytest.mark.browser


async def test_book_pay_see_it_in_admin_and_cancel_with_refund(
    page: Page, site: str, worker: Worker, phone: str
) -> None:
    await open_chat(page, site, phone)
    await say(page, phone, "Hola! quería pedir cita para mechas", "pack Mechas + Corte")
    await say(page, phone, "sí, el pack", "tengo estos huecos")
    await say(page, phone, "la primera", "me dices tu nombre")
    await say(page, phone, "Me llamo Laura", "paga el anticipo")
    chat = page.locator(f"#chat-{phone.lstrip('+')}")
    await expect(chat.locator("a.booking")).to_have_attribute("href", re.compile("/workflows/booking%3A"))
    await snap(page, "01-demo-chat-link")

    async with page.context.expect_page() as opened:
        await page.locator(".msg.outbound a[href*='/pay/']").last.click()
    pay = await opened.value
    await expect(pay.locator("#amount")).to_have_text("16,00 €")
    await snap(pay, "02-pay-page")
    await pay.click("#pay")
    await expect(pay.locator("#result")).to_contain_text("¡Pago completado!")
    await pay.close()
    await expect(chat.locator(".msg.outbound", has_text="¡Cita confirmada!")).to_be_visible(timeout=TIMEOUT_MS)
    await snap(page, "03-demo-chat-confirmed")

    admin = await page.context.new_page()
    await login(admin, site)
    await admin.goto(f"{site}/admin/appointment/list")
    row = admin.locator("tbody tr", has_text="confirmada")
    await expect(row).to_have_count(1)
    await snap(admin, "04-admin-appointments")
    await row.locator("input[type=checkbox]").check()
    admin.once("dialog", lambda dialog: dialog.accept())
    await admin.click("form.booking-action button:has-text('Cancelar con devolución')")
    await expect(admin.locator("tbody tr", has_text="cancelada")).to_have_count(1, timeout=TIMEOUT_MS)

    await page.bring_to_front()
    refund = chat.locator(".msg.outbound", has_text="he cancelado tu cita")
    await expect(refund).to_contain_text("Te devolvemos el anticipo de 16,00 €", timeout=TIMEOUT_MS)
    await snap(page, "05-demo-chat-cancelled")


async def test_a_closure_made_in_admin_is_refused_in_the_demo_chat(
    page: Page, site: str, worker: Worker, phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    day, said = await weekday_ahead(temporal_env, 3)
    await login(page, site)
    await page.goto(f"{site}/admin/closure/create")
    await page.fill("input[name=start_date]", str(day))
    await page.fill("input[name=end_date]", str(day))
    await page.fill("input[name=reason]", "Formación del equipo")
    await snap(page, "06-admin-closure")
    await page.click("button[name=save][value=Save]")
    await expect(page.locator("tbody")).to_contain_text("Formación del equipo")

    await open_chat(page, site, phone)
    await say(page, phone, "Hola", "¿En qué puedo ayudarte?")
    await say(page, phone, "Me llamo Ana", "Encantada")
    await say(page, phone, f"quiero cita para un tinte {said}", "el salón está cerrado (Formación del equipo)")
    await snap(page, "07-demo-chat-closed-day")


async def test_a_planted_message_stays_text_in_the_demo_chat(page: Page, site: str, db: AsyncEngine) -> None:
    phone = "+34600555666"
    # The audit's payload: a link whose quotes break out of href (the old page escaped only & < >), and tags.
    planted = (
        'mira https://x.example/"tabindex="0"autofocus=""onfocus="document.title=\'pwned\'" '
        "<img src=x onerror=\"document.title='pwned'\">"
    )
    async with AsyncSession(db) as session, session.begin():
        business = await get_business(session, slug="atrevete")
        session.add(
            Message(
                business_id=business.id,
                customer_phone=phone,
                direction=Direction.INBOUND,
                channel=Channel.CONSOLE,
                external_id="planted",
                body=planted,
                workflow_id=conversation_of("atrevete", phone),
            )
        )
    await open_chat(page, site, phone)
    message = page.locator(f"#chat-{phone.lstrip('+')} .msg.inbound")
    await expect(message).to_have_text(planted, timeout=TIMEOUT_MS)
    assert await message.locator("img, script, [onfocus], [onerror], [tabindex]").count() == 0
    assert await page.title() != "pwned"


async def test_a_send_that_failed_says_why_and_keeps_the_text(page: Page, site: str, worker: Worker) -> None:
    phone = "+34600444333"
    polled: list[str] = []
    page.on("request", lambda r: polled.append(r.url) if "/demo/conversations/" in r.url else None)
    await open_chat(page, site, phone)
    chat = page.locator(f"#chat-{phone.lstrip('+')}")
    too_long = "¿tenéis hueco mañana? " * 200  # over the demo's 4096 characters
    await chat.locator("form input").fill(too_long)
    await chat.locator("form button").click()
    await expect(chat.locator(".msg.error")).to_have_text(re.compile("demasiado largo"), timeout=TIMEOUT_MS)
    assert await chat.locator("form input").input_value() == too_long, "the text waits to be sent again"
    await page.wait_for_timeout(2500)
    # No conversation yet: the default chat and this one asked once each, then stopped asking.
    assert len(polled) <= 3, polled
    await say(page, phone, "hola", "Soy Maite")
    assert await chat.locator("form input").input_value() == ""


async def test_a_price_edited_in_admin_is_the_price_of_the_next_offer(
    page: Page, site: str, worker: Worker, phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    async with AsyncSession(db) as session:
        balayage = (await session.execute(select(Service).where(Service.name == "Balayage"))).scalars().one()
    _, said = await weekday_ahead(temporal_env, 3)
    try:
        await login(page, site)
        await page.goto(f"{site}/admin/service/edit/{balayage.id}")
        await page.fill("input[name=price]", "99.00")
        await snap(page, "08-admin-service-price")
        await page.click("button[name=save][value=Save]")
        await expect(page).to_have_url(re.compile("/admin/service/list"))
        await page.goto(f"{site}/admin/catalog-change/list")
        await expect(page.locator("tbody tr", has_text="Balayage").first).to_contain_text("99.00")

        await open_chat(page, site, phone)
        await say(page, phone, f"hola! quiero un balayage {said}", "Para balayage (99,00 €) tengo estos huecos")
    finally:
        async with AsyncSession(db) as session:
            await session.merge(balayage)
            await session.commit()
