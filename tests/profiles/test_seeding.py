"""First-start seeding of Triplo's own settings from the old container's variables."""

import io
import json

import pytest
from django.core.management import call_command

from triplo import configfile, seeding
from triplo.envseed import ENV_TO_LEGACY
from triplo.triplo_settings import SETTINGS

pytestmark = pytest.mark.django_db(transaction=True)

# Every variable the upstream init-config.sh (ryan-haver/triplo) reads, in its order.
INIT_CONFIG_VARIABLES = """
TRIPLO_LLM_KEY TRIPLO_OLLAMA_MODELS TRIPLO_CUSTOM_SP_HOTKEYS TRIPLO_SKIP_WELCOME TRIPLO_SKIP_TERMS
TRIPLO_LICENSE_KEY TRIPLO_AI_SOURCE OPENAI_API_KEY OPENROUTER_API_KEY ANTHROPIC_API_KEY
TRIPLO_ENABLE_OPENAI TRIPLO_ENABLE_OPENROUTER TRIPLO_ENABLE_ANTHROPIC TRIPLO_ENABLE_NORMAL_PROMPTS
TRIPLO_OPENAI_MODEL TRIPLO_TEMPERATURE TRIPLO_PRESENCE_PENALTY TRIPLO_CUSTOM_TRIGGER
TRIPLO_SHIFT_BACKSPACE TRIPLO_CUSTOM_HOTKEY TRIPLO_INDICATOR TRIPLO_RUN_AT_STARTUP
TRIPLO_INLINE_SCRAPING TRIPLO_CONFIRM_DELETE TRIPLO_AWARENESS_MODE TRIPLO_NOTIFICATION_SOUNDS
TRIPLO_VOICE_FEATURES TRIPLO_VOICE_TTS_SPEED TRIPLO_VOICE_TTS_AUTOPLAY TRIPLO_VOICE_TTS_VOICE
TRIPLO_VOICE_TTS_MODEL TRIPLO_VOICE_STT_LANG TRIPLO_WINDOW_WIDTH TRIPLO_PAGE_HEIGHT
TRIPLO_MAIN_HEIGHT TRIPLO_PINNED TRIPLO_COPY_TO_CLIPBOARD TRIPLO_ENABLED TRIPLO_AUTO_SCROLL
TRIPLO_COLOR_SCHEME TRIPLO_CONFIRM_AUTOMATIONS TRIPLO_YOUTUBE_LANG TRIPLO_PROMPT_LANG
TRIPLO_LANGUAGE TRIPLO_ENABLE_OLLAMA TRIPLO_SYNC_LOCAL_LLM TRIPLO_OLLAMA_URL
""".split()  # noqa: SIM905 - reads as the script lists them
# Read by the export (TRIPLO_LLM_KEY) or by seed_from_env besides its ENV_TO_LEGACY map.
LLM_VARIABLES = {*ENV_TO_LEGACY, "TRIPLO_LLM_KEY", "TRIPLO_ENABLE_OLLAMA"}


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out)
    return out.getvalue()


def test_the_catalogue_covers_every_variable_of_init_config_once():
    catalogue = [setting.env for setting in SETTINGS]
    assert len(catalogue) == len(set(catalogue))
    assert set(catalogue) | LLM_VARIABLES == set(INIT_CONFIG_VARIABLES)


def test_the_catalogue_defaults_are_the_stock_values():
    stock = json.loads(configfile.STOCK_TEMPLATE.read_text())
    for setting in SETTINGS:
        if setting.generated:  # the stock file holds one installation's generated value
            continue
        where = stock if setting.top_level else stock["settings"]
        assert where[setting.key] == setting.default, setting.key
        assert isinstance(setting.default, type(where[setting.key])), setting.key


@pytest.mark.parametrize(
    ("env", "raw", "value"),
    [
        ("TRIPLO_PINNED", "false", False),
        ("TRIPLO_PINNED", " TRUE ", True),
        ("TRIPLO_PINNED", "0", False),
        ("TRIPLO_VOICE_TTS_SPEED", "1.5", 1.5),
        ("TRIPLO_VOICE_TTS_SPEED", "2", 2),
        ("TRIPLO_CUSTOM_SP_HOTKEYS", "Ctrl+1, Ctrl+2,,", ["Ctrl+1", "Ctrl+2"]),
        ("TRIPLO_CUSTOM_TRIGGER", " ;; ", " ;; "),
    ],
)
def test_values_are_read_as_init_config_wrote_them(env, raw, value):
    (setting,) = [s for s in SETTINGS if s.env == env]
    parsed = seeding.parse_value(setting, raw)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("env", "raw"), [("TRIPLO_PINNED", "maybe"), ("TRIPLO_VOICE_TTS_SPEED", "fast")]
)
def test_values_that_cannot_be_read_are_refused(env, raw):
    (setting,) = [s for s in SETTINGS if s.env == env]
    with pytest.raises(ValueError):
        seeding.parse_value(setting, raw)


def test_first_start_seeds_triplos_settings_and_the_profile(monkeypatch, read_config, config_path):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-0123456789")
    monkeypatch.setenv("TRIPLO_OPENAI_MODEL", "gpt-4o")
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "dark")
    monkeypatch.setenv("TRIPLO_CUSTOM_HOTKEY", "Alt+Space")
    monkeypatch.setenv("TRIPLO_PINNED", "false")
    monkeypatch.setenv("TRIPLO_VOICE_TTS_SPEED", "1.25")
    monkeypatch.setenv("TRIPLO_CUSTOM_SP_HOTKEYS", "Ctrl+1,Ctrl+2")
    monkeypatch.setenv("TRIPLO_SKIP_WELCOME", "false")
    monkeypatch.setenv("TRIPLO_LANGUAGE", "")  # empty is unset, as `${VAR:-default}` has it
    out = bootstrap()
    assert "seeded Triplo settings from the environment: color_scheme, custom_hotkey," in out
    written = read_config()
    assert written["color_scheme"] == "dark"
    assert written["custom_hotkey"] == "Alt+Space"
    assert written["pinned"] is False
    assert written["voice_tts_speed"] == 1.25
    assert written["custom_sp_hotkeys"] == ["Ctrl+1", "Ctrl+2"]
    assert written["language"] == "en"
    assert written["voice_tts_voice"] == "echo"  # unset: Triplo's stock value
    assert (written["openai_key"], written["openai_model"]) == ("sk-from-env-0123456789", "gpt-4o")
    assert json.loads(config_path.read_text())["seenWelcome"] is False


def test_later_starts_leave_triplos_settings_to_triplo(monkeypatch, read_config):
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "dark")
    bootstrap()
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "light")
    out = bootstrap()
    assert "seeded" not in out
    assert read_config()["color_scheme"] == "dark"


def test_an_existing_config_json_is_imported_not_overwritten(monkeypatch, config_path, read_config):
    document = configfile.stock_document()
    document["settings"].update(color_scheme="light", openai_key="sk-in-the-file-0123456789")
    config_path.parent.mkdir(parents=True)
    config_path.write_text(json.dumps(document))
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "dark")
    out = bootstrap()
    assert f"importing {config_path}" in out
    assert "seeded" not in out
    assert read_config()["color_scheme"] == "light"


def test_a_value_that_cannot_be_read_keeps_the_default_and_says_so(monkeypatch, read_config):
    monkeypatch.setenv("TRIPLO_PINNED", "maybe")
    monkeypatch.setenv("TRIPLO_COLOR_SCHEME", "dark")
    out = bootstrap()
    assert "TRIPLO_PINNED='maybe' is not true or false: kept Triplo's default True" in out
    assert (read_config()["pinned"], read_config()["color_scheme"]) == (True, "dark")


def test_the_switch_the_active_profile_needs_stays_on(monkeypatch, read_config):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env-0123456789")
    monkeypatch.setenv("TRIPLO_AI_SOURCE", "anthropic")
    monkeypatch.setenv("TRIPLO_ENABLE_ANTHROPIC", "false")
    monkeypatch.setenv("TRIPLO_ENABLE_OPENROUTER", "false")
    out = bootstrap()
    assert "enable_anthropic_key: kept True, the active profile needs it" in out
    assert "seeded Triplo settings from the environment: enable_openrouter_key\n" in out
    written = read_config()
    assert (written["enable_anthropic_key"], written["enable_openrouter_key"]) == (True, False)


def test_a_directory_that_cannot_be_written_is_a_line_of_the_output(config_path):
    config_path.parent.write_text("a file where Triplo's directory should be")
    lines = seeding.seed_config_file({"TRIPLO_COLOR_SCHEME": "dark"})
    assert len(lines) == 1
    assert lines[0].startswith(f"Triplo settings not seeded: {config_path}")
