"""The deployment files cannot run here (no Docker engine, no cluster): parsed and checked against the code
they start — commands that exist, probes on real routes, settings that Settings knows, search attributes the
workflows set — and the Kubernetes manifests validated against the Kubernetes API's own schemas (offline:
kubernetes-validate ships them)."""

import copy
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from models.runtime.settings import Settings
from workflows.search_attributes import ALL

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SEARCH_ATTRIBUTES = {key.name: key.indexed_value_type.name for key in ALL}
SA_TYPES = {"KEYWORD": "Keyword", "KEYWORD_LIST": "KeywordList", "DATETIME": "Datetime"}


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose" / "compose.yaml").read_text())
    return loaded


# The Kubernetes release whose API schemas the manifests must satisfy; kubernetes-validate 1.31 ships them.
K8S_VERSION = "1.31"
# deploy/k8s/ files that are not Kubernetes objects, so not schema-checked (tested on their own below).
HELM_VALUES = {"temporal-values.yaml"}
MANIFESTS = sorted(path for path in (DEPLOY / "k8s").glob("*.yaml") if path.name not in HELM_VALUES)


def _k8s() -> list[dict[str, Any]]:
    return [doc for path in sorted((DEPLOY / "k8s").glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())]


def _schema_errors(doc: dict[str, Any]) -> str | None:
    """Strict (an unknown field is an error) validation against the Kubernetes API schemas: the error, or None."""
    try:
        validated_against = kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        where = ".".join(str(step) for step in error.path) or "(top level)"
        return f"{doc['kind']}/{doc.get('metadata', {}).get('name')}: {where}: {error.message}"
    except kubernetes_validate.SchemaNotFoundError as error:  # a CRD, or a misspelt kind or apiVersion
        return f"{doc['kind']}/{doc.get('metadata', {}).get('name')}: {error.message}"
    assert validated_against == K8S_VERSION, f"validated against Kubernetes {validated_against}, not {K8S_VERSION}"
    return None


def _kind(kind: str, name: str) -> dict[str, Any]:
    return next(d for d in _k8s() if d.get("kind") == kind and d["metadata"]["name"] == name)


def _factory_exists(command: list[str]) -> None:
    target = command[command.index("--factory") + 1]
    module, attribute = target.split(":")
    assert callable(getattr(importlib.import_module(module), attribute))


def test_compose_starts_every_part_in_order() -> None:
    services = _compose()["services"]
    assert set(services) == {
        "postgres",
        "temporal",
        "temporal-ui",
        "temporal-setup",
        "migrate",
        "api",
        "worker",
        "worker-current",
    }
    assert services["temporal"]["image"].startswith("temporalio/auto-setup:")
    assert services["temporal-ui"]["image"].startswith("temporalio/ui:")
    for role in ("migrate", "api", "worker"):
        service = services[role]
        assert service["env_file"] == "citaflow.env" and service["environment"]["APP_ENV"] == "production"
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"
        assert service["depends_on"]["postgres" if role == "migrate" else "migrate"]["condition"] in (
            "service_healthy",
            "service_completed_successfully",
        )
    assert "alembic upgrade head" in services["migrate"]["command"][-1]
    assert "python -m models.seeding.seed" in services["migrate"]["command"][-1], "seeding only when asked"
    _factory_exists(services["api"]["command"])
    assert "/ready" in " ".join(services["api"]["healthcheck"]["test"]) and "8000:8000" in services["api"]["ports"]
    assert services["worker"]["command"] == ["python", "-m", "worker"]
    assert callable(importlib.import_module("worker").main)
    # The rollout's one-shot: the worker's image and settings, started once the worker is.
    current = services["worker-current"]
    assert (current["image"], current["env_file"]) == (services["worker"]["image"], "citaflow.env")
    assert current["depends_on"] == {"worker": {"condition": "service_started"}} and current["restart"] == "no"
    _module_main_exists(services["worker-current"]["command"])
    assert services["postgres"]["healthcheck"]["test"][1].startswith("pg_isready")
    assert all(s.get("restart") in ("unless-stopped", "no") for s in services.values())


def _module_main_exists(command: list[str]) -> None:
    assert command[:2] == ["python", "-m"], command
    assert callable(importlib.import_module(command[2]).main)


def test_every_image_carries_its_own_build_id() -> None:
    """Worker Versioning: the build id is baked into the image from a build argument, and nothing the containers
    share sets it, or a worker still running the previous image would call itself the new build."""
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^ARG WORKER_BUILD_ID=$", dockerfile, re.MULTILINE)
    assert re.search(r"^ENV WORKER_BUILD_ID=\$\{WORKER_BUILD_ID\}$", dockerfile, re.MULTILINE)
    app = _compose()["x-app"]
    assert app["build"]["args"]["WORKER_BUILD_ID"] == "${WORKER_BUILD_ID:-}"
    assert "WORKER_BUILD_ID" not in app["environment"]
    example = (DEPLOY / "compose" / "citaflow.env.example").read_text()
    assert not re.search(r"^\s*#?\s*WORKER_BUILD_ID=", example, re.MULTILINE)
    assert "WORKER_BUILD_ID" not in _kind("ConfigMap", "citaflow-config")["data"]
    job = _kind("Job", "citaflow-current-version")["spec"]["template"]["spec"]["containers"][0]
    _module_main_exists(job["command"])
    assert job["image"] == _kind("Deployment", "citaflow-worker")["spec"]["template"]["spec"]["containers"][0]["image"]


def test_compose_creates_the_search_attributes_the_workflows_set() -> None:
    script = " ".join(_compose()["services"]["temporal-setup"]["command"])
    created = dict(re.findall(r"(\w+):(Keyword|KeywordList|Datetime)\b", script))
    assert created == {name: SA_TYPES[kind] for name, kind in SEARCH_ATTRIBUTES.items()}


def test_k8s_deployments_have_probes_resources_config_and_autoscaling() -> None:
    api = _kind("Deployment", "citaflow-api")["spec"]["template"]["spec"]["containers"][0]
    worker = _kind("Deployment", "citaflow-worker")["spec"]["template"]["spec"]["containers"][0]
    _factory_exists(api["command"])
    assert api["livenessProbe"]["httpGet"]["path"] == "/health"
    assert api["readinessProbe"]["httpGet"]["path"] == "/ready"
    # Forwarded headers are believed from the ingress only (TRUSTED_PROXIES), never from anyone ("*").
    assert "--no-proxy-headers" in api["command"] and "*" not in api["command"]
    assert _kind("ConfigMap", "citaflow-config")["data"]["TRUSTED_PROXIES"] not in ("", "*")
    assert worker["command"] == ["python", "-m", "worker"]
    for container in (api, worker):
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])
        sources = {next(iter(ref)): ref[next(iter(ref))]["name"] for ref in container["envFrom"]}
        assert sources == {"configMapRef": "citaflow-config", "secretRef": "citaflow-secrets"}
    for name in ("citaflow-api", "citaflow-worker"):
        hpa = _kind("HorizontalPodAutoscaler", name)["spec"]
        assert hpa["scaleTargetRef"]["name"] == name and hpa["minReplicas"] >= 2
    assert _kind("Deployment", "citaflow-worker")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 30
    job = _kind("Job", "citaflow-migrate")["spec"]["template"]["spec"]["containers"][0]
    assert job["command"] == ["alembic", "upgrade", "head"]


def test_config_map_only_names_settings_that_exist() -> None:
    data = _kind("ConfigMap", "citaflow-config")["data"]
    known = {name.upper() for name in Settings.model_fields}
    assert set(data) <= known, set(data) - known
    assert data["APP_ENV"] == "production"


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_k8s_manifests_match_the_kubernetes_api_schemas(path: Path) -> None:
    docs = [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    assert docs, f"{path.name} holds no Kubernetes object"
    for doc in docs:
        # Every document is checked: one without apiVersion/kind fails here rather than being skipped, and a kind
        # kubernetes-validate has no schema for (a CRD, a misspelt apiVersion) is reported as an error below.
        assert isinstance(doc, dict) and {"apiVersion", "kind"} <= set(doc), f"{path.name}: not a Kubernetes object"
    errors = [error for error in map(_schema_errors, docs) if error is not None]
    assert not errors, f"{path.name} does not match the Kubernetes {K8S_VERSION} API: " + "; ".join(errors)


def test_every_k8s_file_is_schema_checked_or_a_helm_values_file() -> None:
    assert {path.name for path in MANIFESTS} >= {
        "api.yaml",
        "worker.yaml",
        "migrate-job.yaml",
        "current-version-job.yaml",
        "configmap.yaml",
    }
    for name in HELM_VALUES:
        values = yaml.safe_load((DEPLOY / "k8s" / name).read_text())
        assert "apiVersion" not in values and "kind" not in values, f"{name} is a Kubernetes object: validate it"


def _container(deployment: dict[str, Any]) -> dict[str, Any]:
    container: dict[str, Any] = deployment["spec"]["template"]["spec"]["containers"][0]
    return container


def _misspell_liveness_probe(deployment: dict[str, Any]) -> None:
    _container(deployment)["livenesProbe"] = _container(deployment).pop("livenessProbe")


def _quote_replicas(deployment: dict[str, Any]) -> None:
    deployment["spec"]["replicas"] = "2"


def _misname_config_map_ref(deployment: dict[str, Any]) -> None:
    source = _container(deployment)["envFrom"][0]
    source["configMap"] = source.pop("configMapRef")


@pytest.mark.parametrize(
    ("break_it", "field", "complaint"),
    [
        (_misspell_liveness_probe, "spec.template.spec.containers.0", "'livenesProbe' was unexpected"),
        (_quote_replicas, "spec.replicas", "'2' is not of type 'integer'"),
        (_misname_config_map_ref, "spec.template.spec.containers.0.envFrom.0", "'configMap' was unexpected"),
    ],
    ids=["misspelt-field", "string-for-int", "misnamed-reference"],
)
def test_schema_validation_rejects_a_broken_manifest(
    break_it: Callable[[dict[str, Any]], None], field: str, complaint: str
) -> None:
    """The validator is strict, not a no-op: a broken copy of our API Deployment fails, naming the bad field."""
    deployment = _kind("Deployment", "citaflow-api")
    assert _schema_errors(deployment) is None
    broken = copy.deepcopy(deployment)
    break_it(broken)
    error = _schema_errors(broken)
    assert error is not None and f"Deployment/citaflow-api: {field}: " in error and complaint in error, error


def test_temporal_helm_values_declare_our_search_attributes() -> None:
    values = yaml.safe_load((DEPLOY / "k8s" / "temporal-values.yaml").read_text())
    assert values["searchAttributes"] == {name: SA_TYPES[kind] for name, kind in SEARCH_ATTRIBUTES.items()}
    assert values["server"]["config"]["persistence"]["default"]["sql"]["driver"] == "postgres12"


@pytest.mark.parametrize("path", ["Dockerfile"])
def test_the_image_runs_the_same_api_factory(path: str) -> None:
    command = re.search(r"CMD (\[.*\])", (DEPLOY / path).read_text())
    assert command is not None
    _factory_exists(yaml.safe_load(command.group(1)))


def test_every_alert_points_at_its_runbook_section_and_at_metrics_we_export() -> None:
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yaml").read_text())["groups"][0]["rules"]
    runbook = (DEPLOY.parent / "docs" / "runbook.md").read_text()
    anchors = {line.removeprefix("### ").strip().lower() for line in runbook.splitlines() if line.startswith("### ")}
    code = "\n".join(p.read_text() for p in (DEPLOY.parent / "webhooks").rglob("*.py"))
    code += "\n".join(p.read_text() for p in (DEPLOY.parent / "workflows").rglob("*.py"))
    for rule in rules:
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert rule["annotations"]["runbook"] == f"docs/runbook.md#{rule['alert'].lower()}"
        assert rule["alert"].lower() in anchors, f"{rule['alert']} has no section in the runbook"
        for metric in re.findall(r"citaflow_(\w+?)(?:_total|_bucket|_count)?\b", rule["expr"]):
            assert f"citaflow_{metric}" in code or f'"{metric}"' in code, f"{metric} is exported by nobody"


def test_closed_histories_have_a_retention_and_the_ui_decrypts_through_the_codec() -> None:
    """README "Personal data": how long Temporal keeps a customer's (encrypted) messages, in both deployments."""
    compose = yaml.safe_load((DEPLOY / "compose" / "compose.yaml").read_text())["services"]
    assert compose["temporal"]["environment"]["DEFAULT_NAMESPACE_RETENTION"].startswith("${TEMPORAL_RETENTION:-")
    assert compose["temporal-ui"]["environment"]["TEMPORAL_CODEC_ENDPOINT"].endswith("/codec")
    values = yaml.safe_load((DEPLOY / "k8s" / "temporal-values.yaml").read_text())
    [namespace] = values["server"]["config"]["namespaces"]["namespace"]
    assert namespace["name"] == "default" and re.fullmatch(r"\d+d", namespace["retention"])
    codec = {env["name"]: env["value"] for env in values["web"]["additionalEnv"]}
    assert codec["TEMPORAL_CODEC_ENDPOINT"].endswith("/codec")
