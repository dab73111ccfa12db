"""Sample config.json documents shared by the conversion and import tests."""

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

from triplo import configfile

OPENAI_KEY = "sk-proj-openai-0123456789abcdef"
OPENROUTER_KEY = "sk-or-v1-openrouter-0123456789abcdef"
ANTHROPIC_KEY = "sk-ant-api03-anthropic-0123456789abcdef"


def stock() -> dict[str, Any]:
    """The stock file as Triplo writes it on a first start (with its own llm_key)."""
    return json.loads(configfile.STOCK_TEMPLATE.read_text())


def full_legacy() -> dict[str, Any]:
    """Everything filled in, as an older web UI wrote it (alias `openrouter`)."""
    document = copy.deepcopy(stock())
    document["version"] = "5.9.1"
    document["futureTopLevel"] = {"nested": [1, {"x": None}]}
    document["settings"].update(
        {
            "license_key": "LIC-1234-5678",
            "ai_source": "openrouter",
            "openai_key": OPENAI_KEY,
            "openrouter_key": OPENROUTER_KEY,
            "anthropic_key": ANTHROPIC_KEY,
            "openai_model": "gpt-4.1",
            "temperature": 0.9,
            "presence_penalty": 0.4,
            "enable_ollama": True,
            "ollama_url": "http://ollama.lan:11434",
            "ollama_models": ["llama3:8b", "qwen2.5"],
            "sync_local_llm": True,
            "llm_key": "abcd-efgh-ijkl-mnop",
            "custom_sp_hotkeys": [{"key": "Ctrl+1", "prompt": "ünïcødé"}],
            "voice_tts_speed": 1.25,
            "a_key_from_a_future_triplo": {"deep": [True, False]},
        }
    )
    return document


# What the upstream container's init-config.sh writes on every start (REFERENCE §2b): a shell
# here-document, `${VARIABLE:-default}` pasted in as text, quoted or not. Rebuilt from its logic
# (a subset of its ~40 keys): key, variable, default, whether the value sits inside quotes.
_INIT_CONFIG_FIELDS = (
    ("license_key", "TRIPLO_LICENSE_KEY", "", True),
    ("ai_source", "TRIPLO_AI_SOURCE", "open_ai", True),
    ("openai_key", "OPENAI_API_KEY", "", True),
    ("openrouter_key", "OPENROUTER_API_KEY", "", True),
    ("anthropic_key", "ANTHROPIC_API_KEY", "", True),
    ("enable_openai_key", "TRIPLO_ENABLE_OPENAI", "true", False),
    ("enable_openrouter_key", "TRIPLO_ENABLE_OPENROUTER", "true", False),
    ("enable_anthropic_key", "TRIPLO_ENABLE_ANTHROPIC", "true", False),
    ("openai_model", "TRIPLO_OPENAI_MODEL", "gpt-4o-mini", True),
    ("temperature", "TRIPLO_TEMPERATURE", "0.5", False),
    ("presence_penalty", "TRIPLO_PRESENCE_PENALTY", "0", False),
    ("custom_hotkey", "TRIPLO_CUSTOM_HOTKEY", "Ctrl+Space", True),
    ("voice_tts_speed", "TRIPLO_VOICE_TTS_SPEED", "1", False),
    ("color_scheme", "TRIPLO_COLOR_SCHEME", "auto", True),
    ("enable_ollama", "TRIPLO_ENABLE_OLLAMA", "false", False),
    ("sync_local_llm", "TRIPLO_SYNC_LOCAL_LLM", "false", False),
    ("llm_key", "TRIPLO_LLM_KEY", "k3x9-a0b1-zz42-m7q8", True),
    ("ollama_url", "TRIPLO_OLLAMA_URL", "http://localhost:11434", True),
)


def init_config(**environment: str) -> str:
    """config.json text as init-config.sh leaves it for this environment. Like the shell, it
    pastes values in unchecked: `TRIPLO_ENABLE_OLLAMA=yes` makes a file that is not JSON."""
    lines = [
        '  "version": "5.4.0"',
        '  "locale": "en-US@posix"',
        '  "indicatorPosition": {\n    "x": 2,\n    "y": 2\n  }',
    ]
    fields = []
    for key, variable, default, quoted in _INIT_CONFIG_FIELDS:
        value = environment.get(variable) or default
        fields.append(f'    "{key}": ' + (f'"{value}"' if quoted else value))
    models = environment.get("TRIPLO_OLLAMA_MODELS", "")
    names = [m.strip() for m in models.split(",")] if models else []  # jq: split, trim
    fields.append(f'    "ollama_models": {json.dumps(names)}')
    fields.append('    "custom_sp_hotkeys": []')
    settings = '  "settings": {\n' + ",\n".join(fields) + "\n  }"
    return "{\n" + ",\n".join([*lines, settings]) + "\n}\n"


# The fields the old web UI's Save collects (webui/templates/index.html, saveConfig).
_WEBUI_FIELDS = (
    "license_key", "ai_source", "openai_key", "openrouter_key", "anthropic_key",
    "enable_openai_key", "enable_openrouter_key", "enable_anthropic_key", "openai_model",
    "temperature", "presence_penalty", "voice_tts_speed", "color_scheme", "enable_ollama",
    "sync_local_llm", "llm_key", "ollama_url", "custom_sp_hotkeys",
)  # fmt: skip
_WEBUI_NUMBERS = ("temperature", "presence_penalty", "voice_tts_speed")


def webui_save(document: dict[str, Any], cleared: tuple[str, ...] = (), **typed: Any) -> str:
    """config.json text after a Save in the old web UI: the form is filled from `document`,
    `typed` is what the user typed, each `cleared` number field was emptied
    (`parseFloat("")` is NaN, which JSON.stringify sends as null). The UI posts only its own
    fields, and Flask writes them with json.dump(indent=2): every other setting is gone."""
    form = {**document.get("settings", {}), **typed}
    settings = {}
    for key in _WEBUI_FIELDS:
        if key in cleared:
            settings[key] = None
        elif key in form:
            settings[key] = form[key]
        elif key in _WEBUI_NUMBERS:
            settings[key] = None  # an empty number input
        else:  # an empty text input or an unticked checkbox
            settings[key] = False if key.startswith(("enable_", "sync_")) else ""
    settings["ollama_models"] = form.get("ollama_models", [])
    saved = {
        "version": "5.4.0",
        "locale": "en-US",
        "indicatorPosition": {"x": 0, "y": 0},
        "seenWelcome": True,
        "seenTerms": True,
        "settings": settings,
    }
    return json.dumps(saved, indent=2)


def node_resave(path: Path, *, reorder: bool = False) -> None:
    """Triplo (Electron) re-saving config.json: JSON.parse then JSON.stringify, so 0.0 comes
    back as 0. `reorder` also reverses the key order of every object, as a writer that
    rebuilds its objects may."""
    script = (
        "const fs = require('fs'); const p = process.argv[1];"
        "const flip = v => Array.isArray(v) ? v.map(flip) : (v && typeof v === 'object')"
        " ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, flip(x)])) : v;"
        "let d = JSON.parse(fs.readFileSync(p)); if (process.argv[2] === 'reorder') d = flip(d);"
        "fs.writeFileSync(p, JSON.stringify(d));"
    )
    args = ["node", "-e", script, str(path), "reorder" if reorder else "keep"]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
