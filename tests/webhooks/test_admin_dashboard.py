"""The owner's dashboard: the period's figures counted for the logged-in business only, by its days; the charts
drawn as SVG in proportion, with every label escaped; the page over HTTP."""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Message
from models.enums import AppointmentStatus, Channel, Direction, PaymentStatus
from models.queries import get_business
from tests.webhooks.seeded_days import MADRID, Salons, booked, madrid, two_salons
from webhooks.admin.charts import Chart, Series, bar_chart
from webhooks.admin.dashboard_figures import figures

NOW = datetime(2026, 12, 20, 12, 0, tzinfo=UTC)
DAY, NEXT = date(2026, 12, 9), date(2026, 12, 10)
BAR = re.compile(
    r'<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"[^>]*data-series="([^"]*)"'
)


def _message(s: Salons, phone: str, direction: Direction, body: str, workflow: str, at: datetime) -> Message:
    return Message(
        business_id=s.salon.id,
        customer_phone=phone,
        direction=direction,
        channel=Channel.CONSOLE,
        external_id=f"{workflow}:{at.isoformat()}:{body[:8]}",
        body=body,
        workflow_id=workflow,
        created_at=at,
    )


async def _seed(db: AsyncEngine) -> None:
    """On 9/12: two confirmed (one due and paid, one refunded after a cancellation), a no-show (forfeited
    deposit), an expired hold; on 10/12 a completed one; business B's the same day, which must not count."""
    async with AsyncSession(db) as session, session.begin():
        s = await two_salons(session)
        c, st = s.customer, s.stylist
        first = booked(c, st, madrid(2026, 12, 9, 10, 0), deposit="10.00")
        session.add_all(
            [
                first,
                booked(c, st, madrid(2026, 12, 9, 11, 0), AppointmentStatus.CANCELLED, PaymentStatus.REFUNDED, "15.00"),
                booked(c, st, madrid(2026, 12, 9, 12, 0), AppointmentStatus.NO_SHOW, PaymentStatus.FORFEITED, "20.00"),
                booked(c, st, madrid(2026, 12, 9, 13, 0), AppointmentStatus.EXPIRED, PaymentStatus.PENDING, "30.00"),
                booked(c, st, madrid(2026, 12, 10, 10, 0), AppointmentStatus.COMPLETED, deposit="5.50"),
                booked(s.other_customer, s.other_stylist, madrid(2026, 12, 9, 10, 0), AppointmentStatus.NO_SHOW),
            ]
        )
        convo = "conversation:atrevete:+34611000001"
        said = [
            ("+34611000001", Direction.INBOUND, "hola", convo, 9),
            ("+34611000002", Direction.INBOUND, "precio?", "conversation:atrevete:+34611000002", 9),
            ("+34910000000", Direction.OUTBOUND, "🔔 Pide hablar con una persona", convo, 9),
            ("+34910000000", Direction.OUTBOUND, "🔔 Stripe no devuelve", "booking:1", 10),
            ("+34611000001", Direction.OUTBOUND, "Hola, soy Maite", convo, 9),
        ]
        session.add_all([_message(s, *m[:4], madrid(2026, 12, m[4], 9, n)) for n, m in enumerate(said)])
        # The first customer booked on 9/12, after writing; the other only asked.
        first.created_at = madrid(2026, 12, 9, 9, 30)


async def test_the_figures_count_the_business_days_statuses_and_money(db: AsyncEngine) -> None:
    await _seed(db)
    async with AsyncSession(db) as session:
        salon = await get_business(session, slug="atrevete")
        found = await figures(session, salon, DAY, NEXT, NOW)
    assert dict(found.by_status) == {
        (DAY, AppointmentStatus.CONFIRMED): 1,
        (DAY, AppointmentStatus.CANCELLED): 1,
        (DAY, AppointmentStatus.NO_SHOW): 1,
        (NEXT, AppointmentStatus.COMPLETED): 1,
    }, "the expired hold and business B's no-show do not count"
    assert (dict(found.due), dict(found.no_shows)) == ({DAY: 2, NEXT: 1}, {DAY: 1, NEXT: 0})
    assert found.no_show_rate() == 1 / 3
    assert found.collected == {DAY: Decimal("45.00"), NEXT: Decimal("5.50")}, "paid, refunded and kept deposits"
    assert found.refunded == {DAY: Decimal("15.00")}
    assert dict(found.alerts) == {(DAY, True): 1, (NEXT, False): 1}


async def test_the_period_is_the_business_days_across_a_clock_change(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        s = await two_salons(session)
        # 00:30 in Madrid the day after summer time starts is 22:30 UTC of the day before.
        session.add(booked(s.customer, s.stylist, madrid(2026, 3, 30, 0, 30), AppointmentStatus.NO_SHOW))
    async with AsyncSession(db) as session:
        salon = await get_business(session, slug="atrevete")
        on_change = await figures(session, salon, date(2026, 3, 29), date(2026, 3, 29), NOW)
        after = await figures(session, salon, date(2026, 3, 30), date(2026, 4, 5), NOW)
    assert dict(on_change.by_status) == {} and on_change.no_show_rate() is None
    assert dict(after.by_status) == {(date(2026, 3, 30), AppointmentStatus.NO_SHOW): 1}
    assert after.no_show_rate() == 1.0


async def test_a_customer_who_wrote_and_booked_in_the_period_is_a_conversion(db: AsyncEngine) -> None:
    await _seed(db)
    async with AsyncSession(db) as session:
        salon = await get_business(session, slug="atrevete")
        both_days = await figures(session, salon, DAY, NEXT, NOW)
        after = await figures(session, salon, NEXT, NEXT, NOW)
    assert (both_days.wrote, both_days.booked) == (2, 1), "the team's phone is not a customer who wrote"
    assert (after.wrote, after.booked) == (0, 0), "nobody wrote on 10/12; the other bookings were made later"


def test_bars_are_proportional_and_stacked() -> None:
    chart = Chart("Citas", "Día", "Citas", ["1", "2"], [Series("a", "#111", [1, 4]), Series("b", "#222", [3, 0])])
    bars = [(float(y), float(h), name) for y, h, name in BAR.findall(str(bar_chart(chart)))]
    assert len(bars) == 3, "a zero draws no bar"
    (y1, h1, _), (y2, h2, _), (_, h3, _) = bars
    assert h2 == 3 * h1 and h3 == 4 * h1, "heights in proportion to the values"
    assert abs(y2 + h2 - y1) < 0.11, "the second series piles on the first"


def test_side_by_side_bars_start_from_the_axis() -> None:
    chart = Chart("€", "Día", "Euros", ["1"], [Series("a", "#1", [2]), Series("b", "#2", [1])], stacked=False)
    (y1, h1, _), (y2, h2, _) = [(float(y), float(h), n) for y, h, n in BAR.findall(str(bar_chart(chart)))]
    assert abs((y1 + h1) - (y2 + h2)) < 0.11 and h1 == 2 * h2


def test_every_label_is_escaped() -> None:
    evil = '<script>alert("x")</script>'
    svg = str(bar_chart(Chart(evil, evil, evil, [evil], [Series(evil, "#1", [1])], unit="€")))
    assert "<script>" not in svg and svg.count("&lt;script&gt;") >= 6
    assert "1,00 €" in svg, "the value in a tooltip, the Spanish way"


async def test_the_dashboard_draws_the_period_chosen(api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await _seed(db)
    response = await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303)
    page = (await api.get("/admin/", params={"desde": "2026-12-09", "hasta": "2026-12-10"})).text
    assert page.count("<svg") == 5 and 'value="2026-12-09"' in page
    booked_bars = BAR.findall(page.split("</svg>")[0])
    assert sorted(name for _, _, name in booked_bars) == ["cancelada", "confirmada", "no se presentó", "realizada"]
    assert "Citas de hoy" in page, "today's appointments stay on the first page"
    default = (await api.get("/admin/")).text
    today = datetime.now(MADRID).date()
    assert f'id="desde" name="desde" value="{today - timedelta(days=29)}"' in default, "the last 30 days"
    assert f'id="hasta" name="hasta" value="{today}"' in default
