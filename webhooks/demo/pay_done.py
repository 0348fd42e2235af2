"""GET /pay/done: where Stripe Checkout sends the payer back (success and cancel URLs alike). It shows
nothing about the booking: the webhook, not this page, tells the booking what happened."""

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["payments"])
PAGE = Path(__file__).parents[1] / "static" / "pay_done.html"


@cache
def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


@router.get("/pay/done", response_class=HTMLResponse, include_in_schema=False)
async def pay_done() -> HTMLResponse:
    """Any query string Stripe appends (session id, status) is ignored."""
    return HTMLResponse(_page())
