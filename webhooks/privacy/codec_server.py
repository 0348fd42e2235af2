"""The codec server: the Temporal Web UI and CLI send us the encrypted payloads they show and get them back
readable (or the reverse, to send a signal from the UI). Temporal's remote-codec protocol: POST {endpoint}/decode
and /encode with `{"payloads": [...]}` in protobuf JSON.

Behind an operator token (CODEC_TOKEN, `Authorization: Bearer …`); without one it is open in development, where
the dev server's UI sends none and the API listens on localhost only, and not mounted at all in production."""

import hmac

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import Response
from google.protobuf import json_format
from starlette.middleware.cors import CORSMiddleware
from temporalio.api.common.v1 import Payloads

from models.runtime.payload_codec import EncryptionCodec, PayloadKeyError
from models.runtime.settings import Settings
from webhooks.channels.inbound import capped_body, signature_header

# A page of history the UI decodes at once: Temporal's own blob limit is 2 MB per payload.
MAX_CODEC_BODY_BYTES = 8 * 1024 * 1024


def codec_app(settings: Settings) -> FastAPI | None:
    """The app to mount at /codec, or None where it must not exist (production without a token)."""
    token = settings.codec_token.get_secret_value() if settings.codec_token else None
    if token is None and settings.app_env == "production":
        return None
    codec = EncryptionCodec(settings.payload_key_set())
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    origins = [settings.temporal_ui_url, *filter(None, (o.strip() for o in settings.codec_cors_origins.split(",")))]
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["POST"],
        allow_headers=["Authorization", "Content-Type", "X-Namespace"],
        allow_credentials=True,
    )

    async def payloads(request: Request) -> Payloads:
        if token is not None and not hmac.compare_digest(
            signature_header(request, "authorization").encode(), f"Bearer {token}".encode()
        ):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "operator token required")
        body = await capped_body(request, MAX_CODEC_BODY_BYTES)
        try:
            return json_format.Parse(body, Payloads())
        except json_format.ParseError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, 'not {"payloads": [...]}') from exc

    def answer(result: list[object]) -> Response:
        message = Payloads(payloads=result)  # type: ignore[arg-type]
        return Response(json_format.MessageToJson(message), media_type="application/json")

    @app.post("/decode")
    async def decode(request: Request) -> Response:
        try:
            return answer(list(await codec.decode((await payloads(request)).payloads)))
        except PayloadKeyError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc

    @app.post("/encode")
    async def encode(request: Request) -> Response:
        return answer(list(await codec.encode((await payloads(request)).payloads)))

    return app
