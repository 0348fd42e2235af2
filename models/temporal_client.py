"""How every process connects to Temporal: same converter everywhere so dataclasses and datetimes round-trip."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from models.settings import Settings


async def connect_temporal(settings: Settings, *, lazy: bool = False) -> Client:
    """A client for the configured namespace; `lazy` defers the connection to the first call (the API
    starts even while Temporal is down and reports it on /ready)."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        lazy=lazy,
    )
