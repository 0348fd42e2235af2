"""Makes this release's build the deployment's current version (docs/runbook.md "Deploying a new version"): new
workflows, and each conversation at its next run, go to its workers; runs under way stay on the build they started
on. `python -m deploy.current_version` is the one-shot step of a rollout (compose's `worker-current`, the
Kubernetes Job `citaflow-current-version`); `make run` calls `make_current` for its own worker."""

import asyncio
import logging
import os
import time
from collections.abc import Callable

from temporalio.api.workflowservice.v1 import SetWorkerDeploymentCurrentVersionRequest
from temporalio.service import RPCError

from models.runtime.logs import configure_logging
from models.runtime.settings import Settings, get_settings
from models.runtime.temporal_client import connect_temporal

log = logging.getLogger("citaflow.current_version")
# A rollout's new workers may take a while to pull their image and start polling.
ROLLOUT_TIMEOUT_SECONDS = 600.0


async def make_current(settings: Settings, build_id: str, *, alive: Callable[[], bool], timeout: float) -> None:
    """Set `build_id` the current version of WORKER_DEPLOYMENT_NAME. The server knows a version only once one of
    its workers has polled, and refuses it until then: retried while `alive()`, for up to `timeout` seconds."""
    client = await connect_temporal(settings)
    request = SetWorkerDeploymentCurrentVersionRequest(
        namespace=client.namespace,
        deployment_name=settings.worker_deployment_name,
        build_id=build_id,
        identity=f"citaflow {build_id}",
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            await client.workflow_service.set_worker_deployment_current_version(request)
            return
        except RPCError as refused:
            if not alive() or time.monotonic() > deadline:
                raise RuntimeError(f"build {build_id} could not be made current: {refused.message}") from refused
        await asyncio.sleep(0.3)


async def run() -> int:
    settings = get_settings()
    configure_logging(settings)
    if settings.worker_build_id is None:
        log.error("WORKER_BUILD_ID is not set: this image has no build to make current")
        return 1
    await make_current(settings, settings.worker_build_id, alive=lambda: True, timeout=ROLLOUT_TIMEOUT_SECONDS)
    log.info("build %s is current in deployment %s", settings.worker_build_id, settings.worker_deployment_name)
    return 0


def main() -> int:
    return asyncio.run(run())


if __name__ == "__main__":
    # Done and logged: leave without the interpreter's finalization, where the Temporal SDK's runtime thread
    # sometimes aborts the process (RECIPES §1, "PyGILState_Release"), failing a rollout step that succeeded.
    os._exit(main())
