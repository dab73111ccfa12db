"""First-start profiles and credentials from the old container's LLM variables.

The old container wrote its single-provider fields from the environment; here those variables
become what an import of such a file would: credentials and one active profile, once, and
only while nothing is stored (stored state always wins over the environment).
"""

from collections.abc import Mapping

from core.context import as_actor
from core.errors import Conflict
from credentials import providers
from credentials.models import ProviderCredential
from credentials.providers import OLLAMA, canonical_id
from profiles import imports
from profiles.models import LlmProfile
from triplo.legacy import STOCK_TEMPERATURE, ConversionError, plan_from_document

# The container's old variables (REFERENCE §2) and the legacy field each one seeded.
ENV_TO_LEGACY = {
    "TRIPLO_AI_SOURCE": "ai_source",
    "OPENAI_API_KEY": "openai_key",
    "OPENROUTER_API_KEY": "openrouter_key",
    "ANTHROPIC_API_KEY": "anthropic_key",
    "TRIPLO_OPENAI_MODEL": "openai_model",
    "TRIPLO_TEMPERATURE": "temperature",
    "TRIPLO_PRESENCE_PENALTY": "presence_penalty",
    "TRIPLO_OLLAMA_URL": "ollama_url",
    "TRIPLO_OLLAMA_MODELS": "ollama_models",
}
DEFAULTS = {
    "openai_model": providers.PROVIDERS[providers.OPEN_AI].default_model,
    "temperature": STOCK_TEMPERATURE,
    "presence_penalty": providers.DEFAULT_PRESENCE_PENALTY,
}
NUMBERS = {"temperature", "presence_penalty"}


def legacy_settings_from_env(environ: Mapping[str, str]) -> dict[str, object]:
    """The single-provider settings the old container would have written from these variables."""
    settings: dict[str, object] = dict(DEFAULTS)
    for variable, field in ENV_TO_LEGACY.items():
        value = environ.get(variable, "").strip()
        if not value:
            continue
        if field in NUMBERS:
            try:
                settings[field] = float(value)
            except ValueError:
                raise ConversionError(f"{variable}={value!r} is not a number") from None
        elif field == "ollama_models":
            settings[field] = [m.strip() for m in value.split(",") if m.strip()]
        else:
            settings[field] = value
    enable_ollama = environ.get("TRIPLO_ENABLE_OLLAMA", "").strip().lower() in {"1", "true", "yes"}
    uses_ollama = canonical_id(settings.get("ai_source")) == OLLAMA
    if enable_ollama or uses_ollama or "ollama_models" in settings:
        settings.setdefault("ollama_url", "http://localhost:11434")
    return settings


def anything_stored() -> bool:
    return LlmProfile.objects.exists() or ProviderCredential.objects.exists()


def seed_from_env(environ: Mapping[str, str]) -> imports.ImportReport:
    """Import what the variables describe; Conflict once anything is stored."""
    if anything_stored():
        raise Conflict("profiles or credentials already exist: stored state wins")
    plan = plan_from_document({"settings": legacy_settings_from_env(environ)})
    for spec in plan.profiles:
        spec.name = spec.name.replace("(imported)", "(from environment)")
    with as_actor("env"):
        return imports.apply_plan(plan)
