"""`make run`'s worker builds: the checked-out commit is the build, and runs that an earlier commit's worker
started are brought onto it (that worker is gone)."""

import subprocess
from pathlib import Path

from google.protobuf.field_mask_pb2 import FieldMask
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.deployment.v1 import WorkerDeploymentVersion
from temporalio.api.workflow.v1 import VersioningOverride, WorkflowExecutionOptions
from temporalio.api.workflowservice.v1 import UpdateWorkflowExecutionOptionsRequest

from models.runtime.settings import Settings
from models.runtime.temporal_client import connect_temporal

GIT_TIMEOUT_SECONDS = 10


def git_build_id(repo: Path) -> str | None:
    """The checked-out commit, or None outside a git checkout (an unpacked archive, no git): the worker then runs
    unversioned. Uncommitted edits keep the commit's build, so a restart runs them on the workflows under way,
    as a developer expects; a new commit is a new build."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


async def adopt_earlier_runs(settings: Settings, build_id: str) -> int:
    """Pins to `build_id` every running workflow pinned to another build of the deployment, and returns how many.
    Development only: `make run` runs one worker, so a run of an earlier commit would wait forever for its own;
    here it replays on this code instead, as every run did before Worker Versioning. Production keeps the old
    build's workers until it is drained (docs/runbook.md "Deploying a new version")."""
    client = await connect_temporal(settings)
    name = settings.worker_deployment_name
    here = VersioningOverride(
        pinned=VersioningOverride.PinnedOverride(
            version=WorkerDeploymentVersion(deployment_name=name, build_id=build_id),
            behavior=VersioningOverride.PinnedOverrideBehavior.PINNED_OVERRIDE_BEHAVIOR_PINNED,
        )
    )
    query = (
        f'TemporalWorkerDeployment="{name}" AND TemporalWorkerDeploymentVersion!="{name}:{build_id}" '
        'AND ExecutionStatus="Running"'
    )
    adopted = 0
    async for run in client.list_workflows(query):
        await client.workflow_service.update_workflow_execution_options(
            UpdateWorkflowExecutionOptionsRequest(
                namespace=client.namespace,
                workflow_execution=WorkflowExecution(workflow_id=run.id, run_id=run.run_id),
                workflow_execution_options=WorkflowExecutionOptions(versioning_override=here),
                update_mask=FieldMask(paths=["versioning_override"]),
                identity="make run",
            )
        )
        adopted += 1
    return adopted
