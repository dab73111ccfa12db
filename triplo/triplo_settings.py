"""Triplo's own settings in config.json that the old container seeded from its environment.

The upstream init-config.sh wrote about 40 `TRIPLO_*` variables into config.json on every start.
The LLM ones become profiles and credentials (triplo/management/commands/seed_from_env.py,
TRIPLO_LLM_KEY in the export); the rest are Triplo's: this catalogue lists them, with the
container's variable, the value's type and Triplo's stock default (triplo/
stock-config.json). It is data: first-start seeding reads it (triplo/seeding.py), and the
page's settings tabs can grow from it.
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["bool", "text", "number", "list"]


@dataclass(frozen=True)
class TriploSetting:
    key: str  # the key in config.json's `settings` (or in the document itself, `top_level`)
    env: str  # the old container's variable
    kind: Kind  # "list": the variable is a comma-separated list
    default: bool | str | int | float | list[str]  # Triplo's stock value
    top_level: bool = False


def _bool(key: str, env: str, default: bool, top_level: bool = False) -> TriploSetting:
    return TriploSetting(key, env, "bool", default, top_level)


def _text(key: str, env: str, default: str) -> TriploSetting:
    return TriploSetting(key, env, "text", default)


SETTINGS: tuple[TriploSetting, ...] = (
    # First start
    _bool("seenWelcome", "TRIPLO_SKIP_WELCOME", True, top_level=True),
    _bool("seenTerms", "TRIPLO_SKIP_TERMS", True, top_level=True),
    _text("license_key", "TRIPLO_LICENSE_KEY", ""),
    # The user's provider switches (an export turns on what the active profile needs)
    _bool("enable_openai_key", "TRIPLO_ENABLE_OPENAI", True),
    _bool("enable_openrouter_key", "TRIPLO_ENABLE_OPENROUTER", True),
    _bool("enable_anthropic_key", "TRIPLO_ENABLE_ANTHROPIC", True),
    _bool("enable_ollama", "TRIPLO_ENABLE_OLLAMA", False),
    _bool("sync_local_llm", "TRIPLO_SYNC_LOCAL_LLM", False),
    # Preferences
    _bool("enable_normal_prompts", "TRIPLO_ENABLE_NORMAL_PROMPTS", True),
    _text("custom_trigger", "TRIPLO_CUSTOM_TRIGGER", ""),
    _bool("shift_backspace", "TRIPLO_SHIFT_BACKSPACE", True),
    _text("custom_hotkey", "TRIPLO_CUSTOM_HOTKEY", "Ctrl+Space"),
    TriploSetting("custom_sp_hotkeys", "TRIPLO_CUSTOM_SP_HOTKEYS", "list", []),
    _text("indicator", "TRIPLO_INDICATOR", "idle"),
    _bool("run_at_startup", "TRIPLO_RUN_AT_STARTUP", True),
    _bool("inline_scrape", "TRIPLO_INLINE_SCRAPING", True),
    _bool("confirm_delete", "TRIPLO_CONFIRM_DELETE", True),
    _bool("aware_mode", "TRIPLO_AWARENESS_MODE", True),
    _bool("copy_results", "TRIPLO_COPY_TO_CLIPBOARD", True),
    _bool("enabled", "TRIPLO_ENABLED", True),
    _bool("auto_scroll", "TRIPLO_AUTO_SCROLL", True),
    _bool("confirm_automations", "TRIPLO_CONFIRM_AUTOMATIONS", True),
    _text("yt_lang", "TRIPLO_YOUTUBE_LANG", "en"),
    _text("prompt_lang", "TRIPLO_PROMPT_LANG", ""),
    _text("language", "TRIPLO_LANGUAGE", "en"),
    # Voice and audio
    _bool("sound", "TRIPLO_NOTIFICATION_SOUNDS", True),
    _bool("voice", "TRIPLO_VOICE_FEATURES", True),
    TriploSetting("voice_tts_speed", "TRIPLO_VOICE_TTS_SPEED", "number", 1),
    _bool("voice_tts_autoplay", "TRIPLO_VOICE_TTS_AUTOPLAY", True),
    _text("voice_tts_voice", "TRIPLO_VOICE_TTS_VOICE", "echo"),
    _text("voice_tts_model", "TRIPLO_VOICE_TTS_MODEL", "tts-1"),
    _text("voice_stt_lang", "TRIPLO_VOICE_STT_LANG", "en"),
    # Display
    _text("color_scheme", "TRIPLO_COLOR_SCHEME", "auto"),
    _text("window_width", "TRIPLO_WINDOW_WIDTH", "md"),
    _text("page_height", "TRIPLO_PAGE_HEIGHT", "md"),
    _text("main_height", "TRIPLO_MAIN_HEIGHT", "md"),
    _bool("pinned", "TRIPLO_PINNED", True),
)
