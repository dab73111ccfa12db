import json
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from tests.cli import bootstrapped, site  # noqa: F401 - fixtures for real manage.py processes


@pytest.fixture(autouse=True)
def triplo_paths(settings, tmp_path: Path) -> Path:
    """Every test gets its own config.json path and data dir on the real filesystem."""
    settings.TRIPLO_DATA_DIR = tmp_path / "data"
    settings.TRIPLO_DATA_DIR.mkdir()
    settings.TRIPLO_CONFIG_PATH = tmp_path / "Triplo AI" / "config.json"
    return settings.TRIPLO_CONFIG_PATH


@pytest.fixture
def api(admin_user) -> APIClient:
    """The JSON API as a signed-in superuser: what most API tests talk to."""
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


@pytest.fixture
def config_path(triplo_paths: Path) -> Path:
    return triplo_paths


@pytest.fixture
def read_config(config_path: Path):
    """The settings block of config.json as it is on disk now."""

    def read() -> dict:
        return json.loads(config_path.read_text())["settings"]

    return read
