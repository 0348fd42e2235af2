"""The one configuration object. Built by the entry points (worker, API, launcher, tests), never at import."""

from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.passwords import is_strong_hash
from models.runtime.payload_codec import PayloadKeys, development_keys

# Only good for development: production refuses to start with these (see the validator below).
DEV_STRIPE_WEBHOOK_SECRET = "whsec_citaflow_local_development_only"
DEV_SESSION_SECRET = "citaflow-local-development-only"
DEV_PSEUDONYM_SECRET = "citaflow-local-development-only-pseudonyms"
# The demo admin's password is "atrevete" (make run prints it); production must set its own hash.
DEV_ADMIN_PASSWORD_HASH = "pbkdf2_sha256$600000$Y2l0YWZsb3ctZGVtby1zYWx0$yTGO5enpWUBngm8Fx7GG0jIQLqLbYvTktfGeITQegTc="
# Secrets we verify signatures or sign cookies with: a short one can be guessed offline from one signed value.
SIGNING_SECRETS = (
    "session_secret",
    "stripe_webhook_secret",
    "stripe_connect_webhook_secret",
    "whatsapp_app_secret",
    "chatwoot_webhook_secret",
    "chatwoot_webhook_token",
    "pseudonym_secret",
    "codec_token",
)
MIN_SECRET_BYTES = 32


class Settings(BaseSettings):
    """Every setting of citaflow; each field is read from the environment variable of the same name."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    app_env: Literal["development", "test", "production"] = "development"
    log_level: str = "INFO"
    # json: one object per line with workflow, activity and request ids (what log collectors index).
    log_format: Literal["text", "json"] = "text"
    # host:port where this process serves Prometheus metrics at /metrics (the Temporal SDK's exporter:
    # its own metrics and ours); unset, nothing is served.
    metrics_address: str | None = None

    # Unset in development: `make run` starts embedded PostgreSQL under data_dir and sets it for its children.
    database_url: str | None = None
    data_dir: Path = Path(".data")

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    # Temporal Cloud or a cluster with TLS: a client certificate and key (mTLS), or an API key.
    temporal_tls_cert_file: Path | None = None
    temporal_tls_key_file: Path | None = None
    temporal_api_key: SecretStr | None = None
    # Temporal's own client config file (TOML, the profiles the `temporal` CLI reads) and the profile to use;
    # the TEMPORAL_* settings above that are set win over it.
    temporal_config_file: Path | None = None
    temporal_profile: str = "default"
    task_queue: str = "citaflow"
    # Worker Versioning (docs/runbook.md "Deploying a new version"): a build id (the git commit) makes this worker one
    # version of the deployment; every workflow run is pinned to the build it started on, and a conversation's next
    # run starts on the current one. Unset: an unversioned worker (development, tests). A production worker refuses
    # to start without it.
    worker_deployment_name: str = "citaflow"
    worker_build_id: str | None = None
    # Workflows a worker keeps in memory between tasks. A cached workflow costs about half a megabyte (its
    # sandbox); one that waits for days on a timer needs none, and a replay of its short history when it wakes
    # costs milliseconds. Raise it for many conversations chatting at once on one worker.
    worker_max_cached_workflows: int = Field(default=100, ge=0)
    # Workflow tasks one worker runs at once. Python runs them on one core: a hundred at once (the SDK's
    # default) each take a hundred times longer, pass the 10 s workflow task timeout together and are all run
    # again, and a burst never drains. Tasks beyond this wait on the server, where no timeout runs.
    worker_max_concurrent_workflow_tasks: int = Field(default=8, ge=2)
    temporal_ui_url: str = "http://127.0.0.1:8233"
    # A conversation quiet this long continues-as-new carrying only its compact state, so an idle customer keeps a
    # few KB of open history instead of every turn since the last one (seconds or ISO 8601, e.g. PT2H).
    conversation_idle_after: timedelta = Field(default=timedelta(hours=2), gt=timedelta(0))

    # Personal data in Temporal (README "Personal data"). Every payload is encrypted with the first of these keys
    # (`id:base64 of 32 bytes`, comma-separated; `python -m models.runtime.payload_codec NEW_ID` makes one) and
    # decrypted with whichever its metadata names, so put a new key first and keep the old ones after it.
    # Unset in development: a key generated into DATA_DIR/payload-keys. Production refuses to start without.
    payload_keys: SecretStr | None = None
    # Workflow ids and search attributes carry HMAC(pseudonym_secret, phone), never the phone.
    pseudonym_secret: SecretStr = SecretStr(DEV_PSEUDONYM_SECRET)
    # The codec server (/codec) the Web UI and the CLI decrypt payloads through: operators send this token as
    # `Authorization: Bearer …`. Unset: open in development (the dev server's UI sends none), off in production.
    codec_token: SecretStr | None = None
    # Origins whose pages may call /codec from a browser (the Web UI's), besides TEMPORAL_UI_URL; comma-separated.
    codec_cors_origins: str = ""

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)

    # How customers reach the API from outside (payment links, pay page); behind a proxy, the public URL.
    public_base_url: str = "http://127.0.0.1:8000"

    # Requests per minute before 429 (webhooks/rate_limit.py says who is limited by what). Per client address:
    # unsigned traffic (demo, pay page) and deliveries that fail their signature; a provider's signed deliveries
    # never spend it, since Meta, Stripe and Chatwoot deliver every customer's messages from a few addresses.
    rate_limit_per_ip: int = Field(default=600, ge=1)
    # Signed deliveries and demo messages, per customer: a person types far fewer; Meta's redelivery of a
    # backlog after an outage stays under it.
    rate_limit_per_sender: int = Field(default=60, ge=1)
    # Signed deliveries per business: 100 a second, ten times what a salon's busiest Saturday hour brings.
    rate_limit_per_business: int = Field(default=6000, ge=1)
    # Where the counts live: memory:// (this process, bounded) or redis://host:6379/0, shared by every API
    # replica (needs the `limits[async-redis]` extra); any `limits` storage URI.
    rate_limit_storage: str = "memory://"
    # Addresses (or networks) whose X-Forwarded-For / X-Forwarded-Proto are believed: the proxy in front.
    # Anyone else's are ignored, so a rotated header cannot reset a rate limit.
    trusted_proxies: str = "127.0.0.1"

    # The business the demo chat and the console channel speak for.
    default_business: str = "atrevete"

    # Adapters, chosen by configuration only; the defaults need no credentials.
    calendar_backend: Literal["local", "google"] = "local"
    payments_backend: Literal["simulated", "stripe"] = "simulated"

    # Verifies Stripe-Signature on /webhooks/stripe; the simulated pay page signs its events with it too.
    stripe_webhook_secret: SecretStr = SecretStr(DEV_STRIPE_WEBHOOK_SECRET)
    # Businesses with a Stripe Connect account: their events come from a second ("connected accounts") endpoint
    # pointed at the same URL, signed with its own secret.
    stripe_connect_webhook_secret: SecretStr | None = None
    # A service account with access to every staff member's calendar (shared with its email).
    google_service_account_file: Path | None = None
    # Only to point the client somewhere else than Google (a local fake in tests, a proxy).
    google_calendar_api_endpoint: str | None = None
    stripe_secret_key: SecretStr | None = None

    # WhatsApp Cloud API: the app secret signs deliveries (X-Hub-Signature-256); the verify token answers
    # Meta's subscription handshake. Unset: the channel is off (its webhook answers 404).
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    # Sending through the Graph API (MESSAGING_BACKEND=whatsapp_cloud).
    whatsapp_access_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_api_base: str = "https://graph.facebook.com/v23.0"
    # Outside the 24 h customer-service window only a template Meta approved may be sent: one per purpose,
    # their texts in the README ("WhatsApp templates"). The reply template carries any other message.
    whatsapp_template_reply: str = "citaflow_respuesta"
    whatsapp_template_reminder: str = "citaflow_recordatorio_confirmar"
    whatsapp_template_staff_notice: str = "citaflow_aviso_equipo"
    whatsapp_template_agenda: str = "citaflow_agenda"
    whatsapp_template_language: str = "es"

    # Where replies go: the console (stored, shown by the demo chat), WhatsApp Cloud or Chatwoot.
    messaging_backend: Literal["console", "whatsapp_cloud", "chatwoot"] = "console"

    # Chatwoot: the webhook's secret (signed versions) or, for older unsigned ones, a token in the URL.
    # Neither set: the channel is off (its webhook answers 404).
    chatwoot_webhook_secret: SecretStr | None = None
    chatwoot_webhook_token: SecretStr | None = None
    # Sending through Chatwoot (MESSAGING_BACKEND=chatwoot): the instance, the account and an agent-bot (or
    # user) access token; team alerts are also copied to this conversation when set.
    chatwoot_api_base: str | None = None
    chatwoot_account_id: int | None = None
    chatwoot_api_token: SecretStr | None = None
    chatwoot_team_conversation_id: int | None = None

    # Understanding customers: deterministic Spanish rules, or Claude (one forced tool call per message).
    understanding_backend: Literal["rules", "anthropic"] = "rules"
    anthropic_api_key: SecretStr | None = None
    anthropic_model: str = "claude-sonnet-5-5"
    # Only to reach the Messages API elsewhere (a local fake in tests, a proxy).
    anthropic_base_url: str | None = None

    # The default business's login to /admin (each other business has its own: `python -m webhooks.admin.accounts`);
    # the hash comes from `python -m models.passwords`.
    admin_username: str = "admin"
    # Login attempts per client address per minute, and per username per hour (guessing one password from many
    # addresses); both answer 429.
    admin_login_attempts_per_minute: int = Field(default=10, ge=1)
    admin_login_attempts_per_username_per_hour: int = Field(default=30, ge=1)
    admin_password_hash: SecretStr = SecretStr(DEV_ADMIN_PASSWORD_HASH)
    # Signs the admin's session cookie.
    session_secret: SecretStr = SecretStr(DEV_SESSION_SECRET)
    # Only to point the SDK somewhere else than api.stripe.com (a local fake in tests, a proxy).
    stripe_api_base: str | None = None

    @field_validator("worker_build_id", mode="before")
    @classmethod
    def _empty_build_id_is_none(cls, value: object) -> object:
        # An image built without a build id carries `WORKER_BUILD_ID=` (deploy/Dockerfile): no build, not build "".
        return None if value == "" else value

    @field_validator("conversation_idle_after", mode="before")
    @classmethod
    def _seconds_as_a_number(cls, value: object) -> object:
        # The environment gives strings; pydantic reads a duration string only in ISO 8601 or hh:mm:ss.
        return float(value) if isinstance(value, str) and value.replace(".", "", 1).isdigit() else value

    @model_validator(mode="after")
    def _production_needs_real_services(self) -> "Settings":
        if self.calendar_backend == "google" and self.google_service_account_file is None:
            raise ValueError("CALENDAR_BACKEND=google needs GOOGLE_SERVICE_ACCOUNT_FILE")
        if self.understanding_backend == "anthropic" and self.anthropic_api_key is None:
            raise ValueError("UNDERSTANDING_BACKEND=anthropic needs ANTHROPIC_API_KEY")
        if self.payments_backend == "stripe" and self.stripe_secret_key is None:
            raise ValueError("PAYMENTS_BACKEND=stripe needs STRIPE_SECRET_KEY")
        if (self.temporal_tls_cert_file is None) != (self.temporal_tls_key_file is None):
            raise ValueError("TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (mTLS)")
        if self.payload_keys is not None:
            PayloadKeys.parse(self.payload_keys.get_secret_value())
        if self.messaging_backend == "whatsapp_cloud":
            missing = [
                name.upper()
                for name in (
                    "whatsapp_access_token",
                    "whatsapp_phone_number_id",
                    "whatsapp_app_secret",
                    "whatsapp_verify_token",
                )
                if getattr(self, name) is None
            ]
            if missing:
                raise ValueError(f"MESSAGING_BACKEND=whatsapp_cloud needs {', '.join(missing)}")
        if self.messaging_backend == "chatwoot":
            missing = [
                name.upper()
                for name in ("chatwoot_api_base", "chatwoot_account_id", "chatwoot_api_token")
                if getattr(self, name) is None
            ]
            if self.chatwoot_webhook_secret is None and self.chatwoot_webhook_token is None:
                missing.append("CHATWOOT_WEBHOOK_SECRET (or CHATWOOT_WEBHOOK_TOKEN)")
            if missing:
                raise ValueError(f"MESSAGING_BACKEND=chatwoot needs {', '.join(missing)}")
        if self.app_env != "production":
            return self
        if not self.database_url:
            raise ValueError("DATABASE_URL is required when APP_ENV=production")

        if self.messaging_backend == "console":
            raise ValueError(
                "MESSAGING_BACKEND=console only shows replies in the demo chat: not for APP_ENV=production"
            )
        if self.payments_backend == "simulated":
            raise ValueError("PAYMENTS_BACKEND=simulated takes no money: not for APP_ENV=production")
        if self.stripe_webhook_secret.get_secret_value() == DEV_STRIPE_WEBHOOK_SECRET:
            raise ValueError("STRIPE_WEBHOOK_SECRET must be set to the endpoint's secret when APP_ENV=production")
        if self.session_secret.get_secret_value() == DEV_SESSION_SECRET:
            raise ValueError("SESSION_SECRET must be set when APP_ENV=production")
        if self.payload_keys is None:
            raise ValueError(
                "PAYLOAD_KEYS must be set when APP_ENV=production (python -m models.runtime.payload_codec)"
            )
        if self.pseudonym_secret.get_secret_value() == DEV_PSEUDONYM_SECRET:
            raise ValueError("PSEUDONYM_SECRET must be set when APP_ENV=production")
        for name in SIGNING_SECRETS:
            secret = getattr(self, name)
            if secret is not None and len(secret.get_secret_value().encode()) < MIN_SECRET_BYTES:
                raise ValueError(f"{name.upper()} is shorter than {MIN_SECRET_BYTES} bytes: not for APP_ENV=production")
        if self.admin_password_hash.get_secret_value() == DEV_ADMIN_PASSWORD_HASH:
            raise ValueError("ADMIN_PASSWORD_HASH must be set (python -m models.passwords) when APP_ENV=production")
        if not is_strong_hash(self.admin_password_hash.get_secret_value()):
            raise ValueError(
                "ADMIN_PASSWORD_HASH is not an Argon2id hash (python -m models.passwords): not for APP_ENV=production"
            )
        return self

    def payload_key_set(self) -> PayloadKeys:
        """The keys of PAYLOAD_KEYS; in development without it, the data folder's own key."""
        if self.payload_keys is not None:
            return PayloadKeys.parse(self.payload_keys.get_secret_value())
        if self.app_env == "production":
            raise RuntimeError("PAYLOAD_KEYS is not set")
        return PayloadKeys.parse(development_keys(self.data_dir))

    def worker_deployment_ready(self) -> None:
        """A production worker is a version of the deployment: unversioned, a deploy would run new code on
        workflows started with the old (the API needs no build id)."""
        if self.app_env == "production" and not self.worker_build_id:
            raise RuntimeError(
                "WORKER_BUILD_ID (the release's git commit) is required for a worker when APP_ENV=production "
                "(docs/runbook.md, 'Deploying a new version')"
            )

    def require_database_url(self) -> str:
        """The SQLAlchemy URL, or a clear error telling how to get one."""
        if not self.database_url:
            raise RuntimeError(
                "DATABASE_URL is not set. `make run` starts an embedded PostgreSQL and sets it; "
                "to run a process alone, export DATABASE_URL=postgresql+psycopg://user:pass@host/db"
            )
        return self.database_url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, built once per process on first use."""
    return Settings()
