"""One production-mode API process for the whole security suite (starting one takes seconds)."""

from collections.abc import Iterator

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.security.production_api import ProductionApi, production_env, start_production_api


@pytest.fixture(scope="session")
def temporal_address(temporal_env: WorkflowEnvironment) -> str:
    address: str = temporal_env.client.service_client.config.target_host
    return address


@pytest.fixture(scope="session")
def production(database_url: str, temporal_address: str) -> Iterator[ProductionApi]:
    api = start_production_api(production_env(database_url, temporal_address))
    yield api
    api.stop()
