"""A workflow's history as Temporal stores it (no codec applied), and the payloads in it."""

from typing import Any

from google.protobuf import json_format
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.history.v1 import History
from temporalio.api.workflowservice.v1 import GetWorkflowExecutionHistoryRequest
from temporalio.client import Client


async def stored_history(client: Client, workflow_id: str) -> History:
    """Every event, page by page, straight from the service: what whoever runs Temporal can read."""
    history, token = History(), b""
    while True:
        page = await client.workflow_service.get_workflow_execution_history(
            GetWorkflowExecutionHistoryRequest(
                namespace=client.namespace,
                execution=WorkflowExecution(workflow_id=workflow_id),
                next_page_token=token,
            )
        )
        history.events.extend(page.history.events)
        token = page.next_page_token
        if not token:
            return history


def payloads_in(message: Any) -> list[dict[str, Any]]:
    """Every Payload inside a protobuf message, as the protobuf JSON the codec server speaks; search attributes
    aside (Temporal indexes them, so they are never encoded: they hold pseudonyms, statuses and names of staff),
    the SDK's own patch markers (a patch id, written by the SDK core without the codec), and a local activity
    marker's own bookkeeping (its `data`: sequence, attempt, type and times, also written by the core; the
    activity's result beside it goes through the codec)."""
    found: list[dict[str, Any]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("markerName") == "core_patch":
                return
            if node.get("markerName") == "core_local_activity":
                walk({key: value for key, value in node.get("details", {}).items() if key != "data"})
                return
            if "data" in node and isinstance(node.get("metadata"), dict) and "encoding" in node["metadata"]:
                found.append(node)
                return
            for key, value in node.items():
                if key != "searchAttributes":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json_format.MessageToDict(message))
    return found
