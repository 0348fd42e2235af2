"""Steps the browser tests share: logging in to /admin, and opening and talking in the demo chat."""

import re

from playwright.async_api import Page, expect

# The demo chat answers through the real workflows; a reply can take several seconds on a busy machine.
TIMEOUT_MS = 20_000


async def open_chat(page: Page, site: str, phone: str) -> None:
    await page.goto(f"{site}/demo")
    await page.fill("#phone", phone)
    await page.click("#open")


async def say(page: Page, phone: str, text: str, expect_reply: str) -> None:
    chat = page.locator(f"#chat-{phone.lstrip('+')}")
    await chat.locator("form input").fill(text)
    await chat.locator("form button").click()
    await expect(chat.locator(".msg.outbound", has_text=expect_reply).last).to_be_visible(timeout=TIMEOUT_MS)


async def login(page: Page, site: str) -> None:
    await page.goto(f"{site}/admin/login")
    await page.fill("input[name=username]", "admin")
    await page.fill("input[name=password]", "atrevete")
    await page.click("button[type=submit]")
    await expect(page).not_to_have_url(re.compile("/login"))
