"""How every process connects to Temporal: same converter everywhere so dataclasses and datetimes round-trip."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.service import TLSConfig

from models.runtime.settings import Settings


def tls_config(settings: Settings) -> TLSConfig | bool:
    """mTLS with the client certificate (Temporal Cloud, a self-hosted cluster with TLS); TLS alone with an API
    key (Temporal Cloud); plain otherwise (the local dev server)."""
    if settings.temporal_tls_cert_file is not None and settings.temporal_tls_key_file is not None:
        return TLSConfig(
            client_cert=settings.temporal_tls_cert_file.read_bytes(),
            client_private_key=settings.temporal_tls_key_file.read_bytes(),
        )
    return settings.temporal_api_key is not None


def process_runtime(settings: Settings) -> Runtime:
    """The SDK runtime of this process: with a Prometheus endpoint when METRICS_ADDRESS is set. Create it once
    per process; everything measured in the process (SDK and ours) goes through it."""
    if settings.metrics_address is None:
        return Runtime.default()
    prometheus = PrometheusConfig(bind_address=settings.metrics_address, counters_total_suffix=True)
    return Runtime(telemetry=TelemetryConfig(metrics=prometheus))


async def connect_temporal(settings: Settings, *, lazy: bool = False, runtime: Runtime | None = None) -> Client:
    """A client for the configured namespace; `lazy` defers the connection to the first call (the API
    starts even while Temporal is down and reports it on /ready)."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        tls=tls_config(settings),
        api_key=settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None,
        lazy=lazy,
        runtime=runtime,
    )
