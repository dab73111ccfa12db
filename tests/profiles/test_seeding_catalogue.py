"""First-start seeding of every catalogue field (issue 13), with values derived from the
catalogue itself: each lands in config.json on the first start and only then."""

import io
import json

import pytest
from django.core.management import call_command

from triplo.triplo_settings import SETTINGS, TriploSetting

pytestmark = pytest.mark.django_db(transaction=True)

SEEDED = [s for s in SETTINGS if not s.generated]


def other_value(setting: TriploSetting) -> tuple[str, object]:
    """A variable's text and the value it means, different from Triplo's default."""
    if setting.kind == "bool":
        return ("false", False) if setting.default else ("true", True)
    if setting.kind == "number":
        return (f"{setting.maximum:g}", setting.maximum)
    if setting.kind == "list":
        return ("Ctrl+1,Ctrl+2", ["Ctrl+1", "Ctrl+2"])
    if setting.choices:
        choice = next(c for c in setting.choices if c != setting.default)
        return choice, choice
    if setting.pattern:
        return "de", "de"
    return "Alt+Q", "Alt+Q"


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


def test_every_catalogue_field_is_seeded_on_the_first_start_only(monkeypatch, config_path):
    wanted = {}
    for setting in SEEDED:
        raw, value = other_value(setting)
        monkeypatch.setenv(setting.env, raw)
        wanted[setting.key] = value
    bootstrap()
    document = json.loads(config_path.read_text())
    for setting in SEEDED:
        where = document if setting.top_level else document["settings"]
        assert where[setting.key] == wanted[setting.key], setting.key
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "light")  # a later start: the file is Triplo's
    bootstrap()
    assert json.loads(config_path.read_text())["settings"]["color_scheme"] == wanted["color_scheme"]


@pytest.mark.parametrize("setting", [s for s in SEEDED if s.choices or s.maximum is not None],
                         ids=lambda s: s.key)  # fmt: skip
def test_a_variable_outside_the_catalogue_keeps_the_default(monkeypatch, config_path, setting):
    monkeypatch.setenv(setting.env, "999" if setting.kind == "number" else "nonsense")
    out = bootstrap()
    assert setting.env in out and "kept Triplo's default" in out
    assert json.loads(config_path.read_text())["settings"][setting.key] == setting.default
