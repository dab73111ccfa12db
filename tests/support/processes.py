"""Running manage.py as a separate process, the way the container and a user do."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def project_env(data_dir: Path, config_path: Path, **extra: str) -> dict[str, str]:
    """An environment for a real process of this project against its own data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIPLO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="triplo_config.settings",
        TRIPLO_DATA_DIR=str(data_dir),
        TRIPLO_CONFIG_PATH=str(config_path),
        TRIPLO_RESTART_COMMAND="",
        TRIPLO_STATUS_COMMAND="",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done
