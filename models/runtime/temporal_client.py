"""How every process connects to Temporal: one converter everywhere, so our types round-trip and every payload is
encrypted (models/runtime/payload_codec.py)."""

from temporalio.client import Client
from temporalio.converter import DataConverter
from temporalio.envconfig import ClientConfigProfile, ClientConfigTLS
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from models.runtime.payload_codec import encrypted_converter
from models.runtime.settings import Settings


def client_profile(settings: Settings) -> ClientConfigProfile:
    """The connection, as Temporal's client config describes it (temporalio.envconfig): the profile of
    TEMPORAL_CONFIG_FILE if there is one, under the TEMPORAL_* settings that are set. An API key means TLS
    (Temporal Cloud), a client certificate mTLS; without either the connection is plain (the local dev server).
    """
    base = (
        ClientConfigProfile.load(
            settings.temporal_profile,
            config_source=settings.temporal_config_file,
            disable_env=True,  # the settings are the one place the environment is read
            config_file_strict=True,
        )
        if settings.temporal_config_file is not None
        else ClientConfigProfile()
    )
    chosen = settings.model_fields_set
    tls = base.tls
    if settings.temporal_tls_cert_file is not None and settings.temporal_tls_key_file is not None:
        tls = ClientConfigTLS(
            client_cert=settings.temporal_tls_cert_file, client_private_key=settings.temporal_tls_key_file
        )
    return ClientConfigProfile(
        address=settings.temporal_address if "temporal_address" in chosen or not base.address else base.address,
        namespace=(
            settings.temporal_namespace if "temporal_namespace" in chosen or not base.namespace else base.namespace
        ),
        api_key=settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else base.api_key,
        tls=tls,
        grpc_meta=base.grpc_meta,
    )


def data_converter(settings: Settings) -> DataConverter:
    """How this process's payloads look in Temporal: pydantic JSON, encrypted with the current payload key."""
    return encrypted_converter(settings.payload_key_set())


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
        **client_profile(settings).to_client_connect_config(),
        data_converter=data_converter(settings),
        lazy=lazy,
        runtime=runtime,
    )
