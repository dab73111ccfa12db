"""The SECRET_KEY file: created once, complete, private, the same for racing first starts."""

import stat
import subprocess
import sys

from core.secretkey import ensure_secret_key, key_path
from tests.cli import REPO


def test_created_once_with_mode_0600(tmp_path):
    data_dir = tmp_path / "new" / "data"
    key = ensure_secret_key(data_dir)
    assert len(key) >= 50
    assert stat.S_IMODE(key_path(data_dir).stat().st_mode) == 0o600
    assert ensure_secret_key(data_dir) == key
    assert [p.name for p in data_dir.iterdir()] == ["secret.key"]  # no temp file left


def test_existing_key_is_kept(tmp_path):
    key_path(tmp_path).write_text("my-own-key\n")
    assert ensure_secret_key(tmp_path) == "my-own-key"


def test_racing_first_starts_agree_on_one_key(tmp_path):
    code = (
        "import sys; from pathlib import Path; from core.secretkey import "
        "ensure_secret_key; print(ensure_secret_key(Path(sys.argv[1])))"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path / "data")],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    keys = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert keys == {key_path(tmp_path / "data").read_text().strip()}
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["secret.key"]
