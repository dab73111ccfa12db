"""The config path holds a regular file or nothing: links, FIFOs and directories are refused."""

import json
import os
from pathlib import Path

import pytest

from profiles import credential_services, services
from triplo import configfile, exportstatus
from triplo.configfile import ConfigFileError
from triplo.export import export

pytestmark = pytest.mark.django_db(transaction=True)
OTHER_UID = 4321
STOCKISH = {"settings": {"ai_source": "open_ai", "theme": "dark"}}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A regular file elsewhere, owned by another user, that a link could point at."""
    path = tmp_path / "elsewhere.json"
    path.write_text(json.dumps(STOCKISH))
    os.chown(path, OTHER_UID, OTHER_UID)
    return path


def make_link(config_path: Path, target: Path) -> str:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.symlink_to(target)
    return "is a symbolic link"


def make_dangling_link(config_path: Path, target: Path) -> str:
    return make_link(config_path, target.with_name("missing.json"))


def make_fifo(config_path: Path, target: Path) -> str:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(config_path)
    return "is a FIFO"


def make_directory(config_path: Path, target: Path) -> str:
    config_path.mkdir(parents=True)
    return "is a directory"


KINDS = [make_link, make_dangling_link, make_fifo, make_directory]


@pytest.mark.parametrize("make", KINDS)
def test_reading_refuses_with_one_line(config_path, target, make):
    kind = make(config_path, target)
    with pytest.raises(ConfigFileError) as raised:
        configfile.read_document()
    message = str(raised.value)
    assert message == f"{config_path}: {kind}; it must be a regular file or absent"


@pytest.mark.parametrize("make", KINDS)
def test_an_export_refuses_and_leaves_everything_as_it_was(config_path, target, make):
    credential_services.set_credential("open_ai", api_key="sk-proj-openai-key-0000000001")
    profile = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    config_path.unlink()
    kind = make(config_path, target)
    services.activate_profile(profile.pk)  # saved; its export fails and is recorded
    assert (
        exportstatus.last()["error"]
        == f"{config_path}: {kind}; it must be a regular file or absent"
    )
    with pytest.raises(ConfigFileError):
        export(force=True)
    assert json.loads(target.read_text()) == STOCKISH  # never written through a link
    assert target.stat().st_uid == OTHER_UID
    assert not config_path.is_file() or config_path.is_symlink()
    assert [p.name for p in config_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_fifo_does_not_hang_a_command(site):
    site.config_path.unlink()
    os.mkfifo(site.config_path)
    result = site.run("import_config", "--dry-run")
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        f"{site.config_path}: is a FIFO; it must be a regular file or absent"
    )
    assert "Traceback" not in result.stderr
