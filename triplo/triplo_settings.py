"""Triplo's own settings in config.json: the one catalogue the page, the API, validation and
first-start seeding read.

The upstream init-config.sh wrote about 40 `TRIPLO_*` variables into config.json on every start.
The LLM ones become profiles and credentials (triplo/envseed.py,
TRIPLO_LLM_KEY in the export); the rest are Triplo's: this catalogue lists them with the
container's variable, the value's type, what values are allowed, the words the page shows and
Triplo's stock default (triplo/stock-config.json). It is data only: the rules that read
it are in triplo/triplo_settings_rules.py, seeding in triplo/seeding.py.
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["bool", "text", "number", "list"]
Value = bool | str | int | float | list[str]

# The page's tabs, in order: (id, title). Settings of any other group are not offered by the
# API (first-start flags; the provider switches belong to the API & Models tab).
GROUPS: tuple[tuple[str, str], ...] = (
    ("preferences", "Preferences"),
    ("voice", "Voice & Audio"),
    ("display", "Display & UI"),
    ("local_llm", "Local LLM"),
    ("license", "License"),
)
SIZES = ("sm", "md", "lg")
# Triplo's local-LLM key: four groups of four lowercase letters or digits.
LLM_KEY_PATTERN = r"[a-z0-9]{4}(-[a-z0-9]{4}){3}"
LANGUAGE_PATTERN = r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*"


@dataclass(frozen=True)
class TriploSetting:
    key: str  # the key in config.json's `settings` (or in the document itself, `top_level`)
    env: str  # the old container's variable
    kind: Kind  # "list": the variable is a comma-separated list
    default: Value  # Triplo's stock value
    top_level: bool = False
    group: str = ""  # a GROUPS id: the tab that shows it
    label: str = ""
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 200  # text, and each item of a list
    max_items: int = 50  # list
    pattern: str = ""  # text: a full match is required (empty text allowed when `blank`)
    blank: bool = True  # text: may be empty
    secret: bool = False  # masked in answers, "changed" in the history
    # Generated per installation (the stock file holds one installation's value): the export
    # writes it from the variable when the file has none, so seeding leaves it alone.
    generated: bool = False


def _bool(
    key: str, env: str, default: bool, group: str = "", label: str = "", help: str = "", **extra
) -> TriploSetting:
    return TriploSetting(key, env, "bool", default, group=group, label=label, help=help, **extra)


def _text(
    key: str, env: str, default: str, group: str = "", label: str = "", help: str = "", **extra
) -> TriploSetting:
    return TriploSetting(key, env, "text", default, group=group, label=label, help=help, **extra)


def _language(key: str, env: str, default: str, group: str, label: str, help: str) -> TriploSetting:
    return _text(key, env, default, group, label, help, pattern=LANGUAGE_PATTERN, max_length=35)


SETTINGS: tuple[TriploSetting, ...] = (
    # First start
    _bool("seenWelcome", "TRIPLO_SKIP_WELCOME", True, top_level=True),
    _bool("seenTerms", "TRIPLO_SKIP_TERMS", True, top_level=True),
    # The user's provider switches (an export turns on what the active profile needs)
    _bool("enable_openai_key", "TRIPLO_ENABLE_OPENAI", True, "api_models", "Enable OpenAI"),
    _bool("enable_openrouter_key", "TRIPLO_ENABLE_OPENROUTER", True, "api_models",
          "Enable OpenRouter"),
    _bool("enable_anthropic_key", "TRIPLO_ENABLE_ANTHROPIC", True, "api_models",
          "Enable Anthropic"),
    # Preferences
    _bool("inline_scrape", "TRIPLO_INLINE_SCRAPING", True, "preferences", "Inline scraping",
          "Read the page behind a link you mention in a prompt."),
    _bool("aware_mode", "TRIPLO_AWARENESS_MODE", True, "preferences", "Awareness mode",
          "Let Triplo see the text around the cursor."),
    _bool("auto_scroll", "TRIPLO_AUTO_SCROLL", True, "preferences", "Auto-scroll",
          "Follow an answer as it is written."),
    _bool("copy_results", "TRIPLO_COPY_TO_CLIPBOARD", True, "preferences", "Copy results",
          "Put every answer on the clipboard."),
    _bool("confirm_automations", "TRIPLO_CONFIRM_AUTOMATIONS", True, "preferences",
          "Confirm automations", "Ask before an automation runs."),
    _bool("confirm_delete", "TRIPLO_CONFIRM_DELETE", True, "preferences", "Confirm deletions",
          "Ask before deleting a chat or prompt."),
    _bool("run_at_startup", "TRIPLO_RUN_AT_STARTUP", True, "preferences", "Run at startup",
          "Start Triplo with the desktop session."),
    _bool("enabled", "TRIPLO_ENABLED", True, "preferences", "Triplo enabled",
          "Off: Triplo ignores its hotkeys and triggers."),
    _bool("enable_normal_prompts", "TRIPLO_ENABLE_NORMAL_PROMPTS", True, "preferences",
          "Normal prompts", "Answer prompts that use no saved prompt."),
    _text("custom_hotkey", "TRIPLO_CUSTOM_HOTKEY", "Ctrl+Space", "preferences", "Hotkey",
          "The key combination that opens Triplo, e.g. Ctrl+Space.", max_length=50,
          blank=False),
    _text("custom_trigger", "TRIPLO_CUSTOM_TRIGGER", "", "preferences", "Trigger",
          "Text that starts a prompt where you type (empty: Triplo's own).", max_length=20),
    TriploSetting("custom_sp_hotkeys", "TRIPLO_CUSTOM_SP_HOTKEYS", "list", [], group="preferences",
                  label="Saved-prompt hotkeys", help="One key combination per line.",
                  max_length=50),
    _bool("shift_backspace", "TRIPLO_SHIFT_BACKSPACE", True, "preferences", "Shift+Backspace",
          "Shift+Backspace removes the answer Triplo just typed."),
    # Voice and audio
    _bool("sound", "TRIPLO_NOTIFICATION_SOUNDS", True, "voice", "Notification sounds"),
    _bool("voice", "TRIPLO_VOICE_FEATURES", True, "voice", "Voice features",
          "Dictate prompts and hear answers."),
    _text("voice_tts_voice", "TRIPLO_VOICE_TTS_VOICE", "echo", "voice", "Voice",
          "The voice that reads answers aloud.",
          choices=("alloy", "echo", "fable", "onyx", "nova", "shimmer")),
    _text("voice_tts_model", "TRIPLO_VOICE_TTS_MODEL", "tts-1", "voice", "Speech model",
          "tts-1 is faster, tts-1-hd sounds better.", choices=("tts-1", "tts-1-hd")),
    TriploSetting("voice_tts_speed", "TRIPLO_VOICE_TTS_SPEED", "number", 1, group="voice",
                  label="Speech speed", help="From 0.25 (slow) to 4 (fast); 1 is normal.",
                  minimum=0.25, maximum=4),
    _bool("voice_tts_autoplay", "TRIPLO_VOICE_TTS_AUTOPLAY", True, "voice", "Read answers aloud",
          "Play the spoken answer as soon as it is ready."),
    _language("voice_stt_lang", "TRIPLO_VOICE_STT_LANG", "en", "voice", "Dictation language",
              "A language code such as en or pt-BR."),
    # Display
    _text("color_scheme", "TRIPLO_COLOR_SCHEME", "auto", "display", "Colour scheme",
          "Auto follows the desktop.", choices=("auto", "light", "dark")),
    _text("indicator", "TRIPLO_INDICATOR", "idle", "display", "Indicator",
          "When the floating indicator shows (Triplo's own value, e.g. idle).", max_length=20,
          blank=False),
    _bool("pinned", "TRIPLO_PINNED", True, "display", "Pinned", "Keep Triplo's window on top."),
    _text("window_width", "TRIPLO_WINDOW_WIDTH", "md", "display", "Window width", choices=SIZES),
    _text("page_height", "TRIPLO_PAGE_HEIGHT", "md", "display", "Page height", choices=SIZES),
    _text("main_height", "TRIPLO_MAIN_HEIGHT", "md", "display", "Main height", choices=SIZES),
    _language("language", "TRIPLO_LANGUAGE", "en", "display", "Interface language",
              "A language code such as en or de."),
    _language("yt_lang", "TRIPLO_YOUTUBE_LANG", "en", "display", "YouTube language",
              "The subtitles Triplo reads from YouTube videos."),
    _text("prompt_lang", "TRIPLO_PROMPT_LANG", "", "display", "Answer language",
          "Empty: answer in the prompt's language.", pattern=LANGUAGE_PATTERN, max_length=35),
    # Local LLM (the server's URL and models are the Ollama credential's: one place)
    _bool("enable_ollama", "TRIPLO_ENABLE_OLLAMA", False, "local_llm", "Enable local LLMs",
          "Let Triplo offer the models of the Ollama server."),
    _bool("sync_local_llm", "TRIPLO_SYNC_LOCAL_LLM", False, "local_llm", "Sync local LLMs",
          "Keep Triplo's list of local models in step with the server."),
    _text("llm_key", "TRIPLO_LLM_KEY", "", "local_llm", "Local LLM key",
          "Triplo's encryption key for local models: four groups of four letters or digits.",
          pattern=LLM_KEY_PATTERN, blank=False, secret=True, generated=True),
    # License
    _text("license_key", "TRIPLO_LICENSE_KEY", "", "license", "License key",
          "Your Triplo AI license.", max_length=500, secret=True),
)  # fmt: skip

BY_KEY: dict[str, TriploSetting] = {setting.key: setting for setting in SETTINGS}
GROUP_IDS = frozenset(group for group, _title in GROUPS)
# What GET/PATCH /api/triplo/settings offer: the settings of the page's tabs.
EDITABLE: dict[str, TriploSetting] = {s.key: s for s in SETTINGS if s.group in GROUP_IDS}
