"""The routing table's rules, and an API that could never read it (pure logic; the HTTP flow is in
test_tenants.py)."""

import pytest

from models.runtime.db import create_engine, session_factory
from webhooks.channels.routes import ChannelRoutes, RoutesUnavailableError, RouteTable

TABLE = RouteTable({"whatsapp": {"111": "atrevete", "222": "barberia-sol"}, "chatwoot": {}})


def test_a_known_id_names_its_business_and_an_unknown_or_missing_one_none() -> None:
    assert TABLE.business("whatsapp", "222", "atrevete") == "barberia-sol"
    assert TABLE.business("whatsapp", "333", "atrevete") is None
    assert TABLE.business("whatsapp", None, "atrevete") is None


def test_a_channel_no_business_has_ids_for_goes_to_the_default_business() -> None:
    assert TABLE.business("chatwoot", "42", "atrevete") == "atrevete"
    assert TABLE.business("chatwoot", None, "atrevete") == "atrevete"


async def test_without_ever_reading_the_table_no_delivery_is_routed() -> None:
    # A port nothing listens on: PostgreSQL down since the API started.
    engine = create_engine("postgresql+psycopg://citaflow@127.0.0.1:9/citaflow?connect_timeout=1")
    routes = ChannelRoutes(session_factory(engine), default_business="atrevete")
    try:
        with pytest.raises(RoutesUnavailableError):
            await routes.business("whatsapp", "111")
        with pytest.raises(RoutesUnavailableError):  # not even the single-tenant default: it may not be one
            await routes.business("chatwoot", None)
    finally:
        await engine.dispose()
