"""The config.json bridge: reading, atomic writes, locking, keeping foreign keys."""

import json
import os
import stat
from pathlib import Path

import pytest

from triplo import configfile
from triplo.configfile import ConfigFileError, OwnedValues
from triplo.fingerprints import fingerprint

STOCK = Path("/work/shared/reference/triplo-config-stock.json")


def owned(values, revision=1):
    return lambda current: OwnedValues(revision=revision, values=values)


def leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def test_missing_file_means_stock_defaults(config_path):
    assert not config_path.exists()
    assert configfile.read_document() == configfile.stock_document()


def test_shipped_template_is_the_reference_stock_file():
    shipped = json.loads(configfile.STOCK_TEMPLATE.read_text())
    if STOCK.exists():
        assert json.loads(STOCK.read_text()) == shipped
    stock = configfile.stock_document()
    assert stock["settings"]["llm_key"] == ""  # never the template's published key
    stock["settings"]["llm_key"] = shipped["settings"]["llm_key"]
    assert stock == shipped


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n  "settings": {\n    "a": 1,\n  }\n}\n', 4),
        ('{\n "settings": {}\n}\n}', 4),
        ("", 1),
        ("[1, 2]", 1),
    ],
)
def test_corrupt_file_names_path_and_line_and_is_left_untouched(config_path, text, line):
    config_path.parent.mkdir(parents=True)
    config_path.write_text(text)
    before = config_path.read_bytes()
    with pytest.raises(ConfigFileError) as caught:
        configfile.read_document()
    assert str(config_path) in str(caught.value)
    assert f"line {line}" in str(caught.value)
    with pytest.raises(ConfigFileError):
        configfile.update_owned(owned({"ai_source": "open_ai"}))
    assert config_path.read_bytes() == before


def test_settings_must_be_an_object(config_path):
    config_path.parent.mkdir(parents=True)
    config_path.write_text('{"settings": []}')
    with pytest.raises(ConfigFileError, match="settings"):
        configfile.read_document()


def test_not_utf8_names_the_line(config_path):
    config_path.parent.mkdir(parents=True)
    config_path.write_bytes(b'{\n"a": "\xff"}')
    with pytest.raises(ConfigFileError, match="line 2"):
        configfile.read_document()


def test_write_keeps_foreign_keys_order_and_format(config_path):
    config_path.parent.mkdir(parents=True)
    document = {"zeta": 1, "settings": {"window_width": "lg", "ai_source": "x", "z": [1]}, "a": 2}
    config_path.write_text(json.dumps(document))
    result = configfile.update_owned(owned({"ai_source": "anthropic", "llm_profiles": []}))
    assert result.written
    text = config_path.read_text()
    assert text == configfile.serialize(
        {
            "zeta": 1,
            "settings": {
                "window_width": "lg",
                "ai_source": "anthropic",
                "z": [1],
                "llm_profiles": [],
            },
            "a": 2,
        }
    )
    assert text.startswith('{\n  "zeta": 1,')
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600


def test_unchanged_document_is_not_rewritten(config_path):
    configfile.update_owned(owned({"ai_source": "open_ai"}))
    mtime = config_path.stat().st_mtime_ns
    result = configfile.update_owned(owned({"ai_source": "open_ai"}, revision=2))
    assert not result.written
    assert config_path.stat().st_mtime_ns == mtime


def test_older_revision_does_not_overwrite_newer(config_path):
    configfile.update_owned(owned({"ai_source": "anthropic"}, revision=10))
    result = configfile.update_owned(owned({"ai_source": "open_ai"}, revision=9))
    assert result.stale and not result.written
    assert json.loads(config_path.read_text())["settings"]["ai_source"] == "anthropic"
    forced = configfile.update_owned(owned({"ai_source": "open_ai"}, revision=9), force=True)
    assert forced.written
    assert configfile.read_state()["revision"] == 9


def test_state_file_holds_fingerprints_not_values(config_path):
    configfile.update_owned(owned({"openai_key": "sk-secret-value-1234"}))
    state_text = configfile.state_path().read_text()
    assert "sk-secret-value-1234" not in state_text
    assert configfile.read_state()["fingerprints"]["openai_key"] == fingerprint(
        "sk-secret-value-1234"
    )


def test_failure_before_replace_leaves_old_file_and_no_temp(config_path, monkeypatch):
    configfile.write_atomic(config_path, '{"settings": {"old": true}}\n')
    os.chmod(config_path, 0o600)
    before = config_path.read_bytes()

    def broken_replace(src, dst):
        assert Path(src).exists()  # the temp file was fully written first
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ConfigFileError, match=f"{config_path}: cannot be written: disk on fire"):
        configfile.update_owned(owned({"ai_source": "anthropic"}))
    assert config_path.read_bytes() == before
    assert leftovers(config_path.parent) == []
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600


def test_write_makes_mode_0600_even_when_file_was_wider(config_path):
    config_path.parent.mkdir(parents=True)
    config_path.write_text('{"settings": {}}')
    os.chmod(config_path, 0o644)
    configfile.update_owned(owned({"ai_source": "ollama"}))
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600
    assert leftovers(config_path.parent) == []


def test_replace_unowned_keeps_owned_keys(config_path):
    configfile.update_owned(owned({"ai_source": "anthropic"}))
    configfile.replace_unowned(
        {"ai_source": "open_ai", "window_width": "sm"}, {"version": "9"}, {"ai_source"}
    )
    document = json.loads(config_path.read_text())
    assert document["settings"]["ai_source"] == "anthropic"
    assert document["settings"]["window_width"] == "sm"
    assert document["version"] == "9"


def test_lock_is_a_separate_file(config_path):
    with configfile.lock():
        assert Path(str(config_path) + ".lock").exists()


def test_writing_another_path_keeps_the_state_of_triplos_file(config_path, tmp_path):
    configfile.update_owned(owned({"ai_source": "anthropic"}, revision=5))
    state = configfile.read_state()
    other = tmp_path / "backup" / "config.json"
    configfile.update_owned(owned({"ai_source": "open_ai"}, revision=6), path=other, force=True)
    assert json.loads(other.read_text())["settings"]["ai_source"] == "open_ai"
    assert configfile.read_state() == state


def test_a_lock_held_too_long_is_a_clear_error(config_path, monkeypatch):
    from filelock import FileLock

    monkeypatch.setattr(configfile, "LOCK_TIMEOUT_SECONDS", 0.2)
    config_path.parent.mkdir(parents=True)
    holder = FileLock(str(config_path) + ".lock")
    with holder, pytest.raises(configfile.ConfigFileLocked) as caught:
        configfile.update_owned(owned({"ai_source": "open_ai"}))
    assert str(config_path) in str(caught.value)
    assert "another" in str(caught.value)
    assert not config_path.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_write_keeps_the_owner_of_triplos_file(config_path):
    config_path.parent.mkdir(parents=True)
    config_path.write_text('{"settings": {}}')
    os.chown(config_path, 4321, 4322)
    configfile.update_owned(owned({"ai_source": "ollama"}))
    status = config_path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    assert stat.S_IMODE(status.st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_new_file_belongs_to_the_owner_of_its_directory(config_path):
    config_path.parent.mkdir(parents=True)
    os.chown(config_path.parent, 4321, 4322)
    configfile.update_owned(owned({"ai_source": "ollama"}))
    status = config_path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)


def test_an_unwritable_place_is_a_clear_error(tmp_path):
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "config.json"
    with pytest.raises(ConfigFileError, match=f"{target}: cannot be written"):
        configfile.update_owned(owned({"ai_source": "open_ai"}), path=target)


def test_a_held_lock_is_retryable_for_api_clients():
    from core.errors import api_exception_handler

    assert api_exception_handler(configfile.ConfigFileLocked("x"), {}).status_code == 503
    assert api_exception_handler(ConfigFileError("x"), {}).status_code == 409


def test_nan_and_infinity_are_not_json(config_path):
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('{"settings": {"temperature": NaN}}')
    with pytest.raises(configfile.ConfigFileError, match="NaN is not valid JSON"):
        configfile.read_document(config_path)


def test_serialized_like_the_standard_library_with_two_space_indent():
    document = configfile.stock_document()
    document["settings"]["extra"] = {"ünïcode": [1.5, 0.25, {}, []], "nested": {"a": None}}
    assert (
        configfile.serialize(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    )


def test_integers_beyond_64_bits_survive_a_rewrite():
    document = {"settings": {"huge": 2**70, "small": 1}}
    assert json.loads(configfile.serialize(document)) == document
    assert fingerprint(2**70) != fingerprint(2**70 + 1)


def test_a_remembered_fingerprint_is_never_another_values():
    profiles = [{"id": "a", "temperature": 0.0, "options": {"x": 1, "y": True}}]
    first = fingerprint(profiles)
    assert fingerprint(profiles) == first  # remembered
    # the same meaning in another encoding: Triplo re-saves 0.0 as 0, keys in another order
    assert fingerprint([{"options": {"y": True, "x": 1.0}, "temperature": 0, "id": "a"}]) == first
    for other in (
        [{"id": "a", "temperature": 0.0, "options": {"x": 1, "y": 1}}],  # true is not 1
        [{"id": "a", "temperature": 0.5, "options": {"x": 1, "y": True}}],
        [{"id": "b", "temperature": 0.0, "options": {"x": 1, "y": True}}],
    ):
        assert fingerprint(other) != first


def test_the_export_reuses_the_parse_of_the_same_bytes_and_leaves_it_unchanged(config_path):
    config_path.parent.mkdir(parents=True)
    config_path.write_text('{"theme": "dark"}')  # no "settings" yet
    shared = configfile.parse_shared(config_path.read_bytes(), config_path)
    seen = []
    configfile.update_owned(lambda current: seen.append(current) or OwnedValues(1, {"a": 1}))
    assert shared == {"theme": "dark"}  # other readers of those bytes still read them
    assert json.loads(config_path.read_text()) == {"theme": "dark", "settings": {"a": 1}}
    assert configfile.parse_shared(config_path.read_bytes(), config_path) == {
        "theme": "dark",
        "settings": {"a": 1},
    }
    config_path.write_text('{"settings": {"b": 2}}')  # changed elsewhere: parsed anew
    configfile.update_owned(lambda current: seen.append(current) or OwnedValues(2, {"a": 1}))
    assert seen == [{}, {"b": 2}]
