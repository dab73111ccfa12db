"""Running manage.py in a real subprocess against a file-backed data dir.

The in-process test database lives in memory; these helpers are for what only a real process
shows: bytes on disk, exit codes, stderr, several processes at once.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from triplo import configpath

REPO = Path(__file__).resolve().parent.parent
# Variables that would change what bootstrap/seeding does; tests set them explicitly.
_CLEARED = (
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "WEBUI_USERNAME",
    "WEBUI_PASSWORD",
    "TRIPLO_AI_SOURCE",
    "OPENAI_API_KEY",
    "OPENROUTER_API_KEY",
    "ANTHROPIC_API_KEY",
    "TRIPLO_OPENAI_MODEL",
    "TRIPLO_TEMPERATURE",
    "TRIPLO_PRESENCE_PENALTY",
    "TRIPLO_ENABLE_OLLAMA",
    "TRIPLO_OLLAMA_URL",
    "TRIPLO_OLLAMA_MODELS",
)


@dataclass(frozen=True)
class Site:
    """A data dir and a config.json path, as one installation has them."""

    data_dir: Path
    config_path: Path

    @property
    def db(self) -> Path:
        return self.data_dir / "db.sqlite3"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
        env.update(
            DJANGO_SETTINGS_MODULE="triplo_config.settings",
            TRIPLO_DATA_DIR=str(self.data_dir),
            TRIPLO_CONFIG_PATH=str(self.config_path),
            TRIPLO_RESTART_COMMAND="",
            TRIPLO_STATUS_COMMAND="",
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update(extra)
        return env

    def start(self, *args: str, **extra_env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env(**extra_env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def python(self, code: str, **extra_env: str) -> subprocess.CompletedProcess:
        """Run code in `manage.py shell`; fails the test when the process fails."""
        result = self.run("shell", "--no-imports", "-c", code, **extra_env)
        assert result.returncode == 0, result.stderr
        return result


def copy_site(template: Site, target: Path) -> Site:
    shutil.copytree(template.data_dir, target / "data")
    shutil.copytree(template.config_path.parent, target / "config")
    site = Site(target / "data", target / "config" / template.config_path.name)
    # Moved together with its config.json, as bootstrap on the new paths would record it.
    (site.data_dir / configpath.RECORD_FILE).write_text(f"{site.config_path}\n")
    return site


@pytest.fixture(scope="session")
def bootstrapped(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One installation bootstrapped once per session (with an OpenAI key from the env)."""
    root = tmp_path_factory.mktemp("bootstrapped")
    site = Site(root / "data", root / "config" / "config.json")
    result = site.run("bootstrap", OPENAI_API_KEY="sk-seeded-from-env-0123456789")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def site(bootstrapped: Site, tmp_path: Path) -> Site:
    """A private copy of the bootstrapped installation."""
    return copy_site(bootstrapped, tmp_path / "site")


def run_python(code: str, tmp_path: Path) -> list[str]:
    """`code` in a fresh interpreter on the real settings (SQLite under tmp_path), as a
    gunicorn worker or a command starts; its stdout lines (it must exit 0)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "triplo_config.settings",
        "TRIPLO_DATA_DIR": str(tmp_path / "data"),
        "TRIPLO_CONFIG_PATH": str(tmp_path / "config.json"),
        "TRIPLO_RESTART_COMMAND": "",  # nothing here may restart or ask about a real Triplo
        "TRIPLO_STATUS_COMMAND": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()
