"""Admin changes are POSTs carrying the session's CSRF token: the token a logged-in page shows, sent on every
later request of a test's client the way admin.js sends it (X-CSRF-Token)."""

import re

import httpx

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


async def csrf_token(api: httpx.AsyncClient) -> str:
    page = await api.get("/admin/closure/list")
    found = TOKEN.search(page.text)
    assert found, f"no CSRF token on the page ({page.status_code})"
    return found.group(1)


async def carry_csrf(api: httpx.AsyncClient) -> None:
    api.headers["X-CSRF-Token"] = await csrf_token(api)
