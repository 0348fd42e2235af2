"""Logs: one JSON object per line in production (LOG_FORMAT=json), readable text in development.

Every line carries what an operator searches by: the workflow (conversation or booking) and run, the
activity, and the API request's id. Phone numbers are masked wherever they appear, ids included: logs are
kept longer and read by more people than the database.
"""

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from models.runtime.settings import Settings

# The API request being served (set by webhooks/request_ids.py); empty outside requests.
request_id: ContextVar[str] = ContextVar("request_id", default="")

# E.164 with or without the plus, 11 to 15 digits: Spanish mobiles (+34 6xx xxx xxx), WhatsApp's wa_id.
# Ten-digit numbers (Unix timestamps) are left alone.
PHONE = re.compile(r"(?<![\d])(\+?\d{2})\d{6,10}(\d{3})(?![\d])")
# What the Temporal SDK attaches to records from workflow.logger and activity.logger.
TEMPORAL_CONTEXT = {
    "temporal_workflow": ("workflow_id", "run_id", "workflow_type"),
    "temporal_activity": ("activity_type", "activity_id", "workflow_id", "workflow_run_id", "attempt"),
}


def mask_phones(text: str) -> str:
    return PHONE.sub(lambda m: f"{m.group(1)}{'*' * (len(m.group(0)) - len(m.group(1)) - 3)}{m.group(2)}", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask_phones(record.getMessage()),
        }
        for attribute, keys in TEMPORAL_CONTEXT.items():
            context = getattr(record, attribute, None)
            if isinstance(context, dict):
                line |= {key: mask_phones(str(context[key])) for key in keys if key in context}
        if current := request_id.get():
            line["request_id"] = current
        if record.exc_info:
            line["error"] = mask_phones(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


class WithoutQueryStrings(logging.Filter):
    """uvicorn's access lines name the path without its query string: Meta's verify token, Chatwoot's ?token=
    and signed pay links travel there, and logs are read by more people than the secrets are."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn.access formats (client, method, path with query, http version, status).
        if isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, code = record.args
            record.args = (client, method, str(path).split("?", 1)[0], version, code)
        return True


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_phones(super().format(record))


def configure_logging(settings: Settings) -> None:
    """Root and uvicorn loggers write to stderr in the chosen format (uvicorn set its own up before us)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if settings.log_format == "json"
        else MaskingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers = [handler]
        uvicorn_logger.propagate = False
    logging.getLogger("uvicorn.access").addFilter(WithoutQueryStrings())
