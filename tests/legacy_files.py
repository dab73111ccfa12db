"""Sample config.json documents shared by the conversion and import tests."""

import copy
import json
from typing import Any

from triplo_config import configfile

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
