"""The API process: `uvicorn --factory webhooks.app:create_app`.

A factory, so settings are read when the process starts, never when a module is imported.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from temporalio.client import Client
from temporalio.service import RPCError
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from models.runtime.db import create_engine, session_factory
from models.runtime.logs import configure_logging
from models.runtime.settings import Settings, get_settings
from models.runtime.temporal_client import connect_temporal, process_runtime
from webhooks import health
from webhooks.admin.site import mount_admin
from webhooks.channels import chatwoot, whatsapp
from webhooks.channels import stripe as stripe_webhook
from webhooks.channels.dead_letters import DeadLetters, NotRecordedError
from webhooks.channels.routes import ChannelRoutes, RoutesUnavailableError, UnroutedChannelError
from webhooks.demo import chat as demo
from webhooks.demo import pay_done, pay_page
from webhooks.metrics import WebhookMetrics
from webhooks.privacy.codec_server import codec_app
from webhooks.rate_limit import RateLimits
from webhooks.request_ids import with_request_id
from webhooks.security_headers import with_security_headers

log = logging.getLogger("citaflow.api")
RETRY_AFTER_SECONDS = 5
# Long enough for an operator to give the business its channel id; Meta keeps retrying for days.
UNROUTED_RETRY_AFTER_SECONDS = 60
# The pages' own scripts (no page has inline script: see security_headers).
ASSETS = Path(__file__).parent / "static" / "assets"


async def invalid_request(_: Request, exc: Exception) -> JSONResponse:
    """422 naming what is wrong, without echoing the input: it may be bytes or values JSON cannot encode."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")} for e in errors]
    return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def temporal_unreachable(_: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After when Temporal does not answer: Meta, Stripe and Chatwoot deliver again later, so
    nothing is lost, where a 500 would read as our bug."""
    log.warning("temporal unreachable, delivery refused for a later retry: %s", exc)
    return _retry_later("temporarily unavailable, retry later", RETRY_AFTER_SECONDS)


async def routes_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """PostgreSQL has been down since this process started: which business a delivery is for is not known."""
    request.state.reject_reason = "routes_unavailable"
    log.warning("delivery refused for a later retry: %s", exc)
    return _retry_later("temporarily unavailable, retry later", RETRY_AFTER_SECONDS)


async def not_recorded(request: Request, exc: Exception) -> JSONResponse:
    """What the webhook writes itself (a dead letter, delivery statuses) could not be stored (PostgreSQL down or
    too slow): refused, so it comes again."""
    request.state.reject_reason = "database_unavailable"
    log.warning("delivery refused for a later retry: %s", exc)
    return _retry_later("temporarily unavailable, retry later", RETRY_AFTER_SECONDS)


async def unrouted_channel(request: Request, exc: Exception) -> JSONResponse:
    """A channel id no business has (a number connected before its business was set up): refused, not
    dropped, so the provider delivers it again once the business has the id; alerted on (unknown_channel)."""
    request.state.reject_reason = "unknown_channel"
    log.error("delivery for no known business, refused for a later retry: %s", exc)
    return _retry_later(str(exc), UNROUTED_RETRY_AFTER_SECONDS)


def _retry_later(detail: str, seconds: int) -> JSONResponse:
    return JSONResponse(
        {"detail": detail}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": str(seconds)}
    )


def create_app(settings: Settings | None = None, *, temporal: Client | None = None) -> FastAPI:
    """The FastAPI app; tests pass their own settings and Temporal client."""
    resolved = settings or get_settings()
    if settings is None:  # the process's own start (tests keep pytest's logging)
        configure_logging(resolved)
    runtime = process_runtime(resolved)
    # Creating the engine opens no connection: the API starts even while PostgreSQL is down (/ready says so).
    engine = create_engine(resolved.require_database_url())
    sessions = session_factory(engine)
    routes = ChannelRoutes(sessions, default_business=resolved.default_business)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Lazy: the API comes up while Temporal is still starting, and /ready says so meanwhile.
        app.state.temporal = temporal or await connect_temporal(resolved, lazy=True, runtime=runtime)
        await routes.load()
        refresher = asyncio.create_task(routes.keep_fresh())
        try:
            yield
        finally:
            refresher.cancel()
            await engine.dispose()

    production = resolved.app_env == "production"
    # Production describes no API to strangers: no /docs, /redoc or /openapi.json.
    app = FastAPI(
        title="citaflow",
        lifespan=lifespan,
        docs_url=None if production else "/docs",
        redoc_url=None if production else "/redoc",
        openapi_url=None if production else "/openapi.json",
    )
    app.state.settings = resolved
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.routes = routes
    app.state.rate_limits = RateLimits(resolved)
    app.state.dead_letters = DeadLetters(sessions, runtime.metric_meter)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(RPCError, temporal_unreachable)
    app.add_exception_handler(RoutesUnavailableError, routes_unavailable)
    app.add_exception_handler(UnroutedChannelError, unrouted_channel)
    app.add_exception_handler(NotRecordedError, not_recorded)
    app.middleware("http")(WebhookMetrics(runtime.metric_meter).middleware)
    app.middleware("http")(with_request_id)
    app.middleware("http")(with_security_headers)
    # The client address (rate limits, logs) is the forwarded one only when the proxy in front is one we trust.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=resolved.trusted_proxies)
    mount_admin(app, engine, resolved, app.state.rate_limits)
    app.mount("/assets", StaticFiles(directory=ASSETS), name="assets")
    app.include_router(health.router)
    app.include_router(pay_done.router)
    if not production:
        # The demo chat and the simulated checkout act for any customer without a signature: never in production.
        app.include_router(demo.router)
        app.include_router(pay_page.router)
    app.include_router(stripe_webhook.router)
    app.include_router(whatsapp.router)
    app.include_router(chatwoot.router)
    codec = codec_app(resolved)
    if codec is not None:
        app.mount("/codec", codec)
    return app
