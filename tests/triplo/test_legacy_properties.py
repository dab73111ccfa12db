"""Property tests of the legacy converter: any JSON object gives a clean error or a valid plan,
and an import + export keeps every key this project does not own."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credentials import providers
from credentials.models import ProviderCredential
from profiles import imports
from profiles.models import LlmProfile
from triplo.export import export
from triplo.legacy import ConversionError, plan_from_document

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
legacy_fields = {
    "ai_source": st.sampled_from(["open_ai", "openrouter", "open_router", "anthropic", "ollama",
                                  "OpenAI", "custom_http", "nope", ""]) | json_values,
    "openai_key": st.text(max_size=60) | json_values,
    "openrouter_key": st.text(max_size=60) | json_values,
    "anthropic_key": st.text(max_size=60) | json_values,
    "openai_model": st.text(max_size=250) | json_values,
    "temperature": st.floats(-10, 10) | st.integers(-5, 5) | json_values,
    "presence_penalty": st.floats(-5, 5) | json_values,
    "ollama_url": st.text(max_size=40) | st.just("http://ollama.lan:11434/") | json_values,
    "ollama_models": st.lists(st.text(max_size=20), max_size=3) | json_values,
}  # fmt: skip
legacy_settings = st.fixed_dictionaries({}, optional=legacy_fields)
unowned = st.dictionaries(
    st.text(min_size=1, max_size=10).filter(lambda key: key not in legacy_fields),
    json_values,
    max_size=4,
)
documents = st.fixed_dictionaries(
    {"settings": st.builds(lambda legacy, extra: {**extra, **legacy}, legacy_settings, unowned)},
    optional={"version": st.text(max_size=8), "windowBounds": json_values},
)


@settings(max_examples=300, deadline=None)
@given(document=st.dictionaries(st.text(max_size=12), json_values, max_size=4) | documents)
def test_any_object_gives_a_clean_error_or_a_valid_plan(document):
    settings_ = document.get("settings", {})
    legacy = isinstance(settings_, dict) and "llm_profiles" not in settings_
    try:
        plan = plan_from_document(document)
    except ConversionError as error:
        assert not legacy, f"a legacy document must always convert: {error}"
        assert "\n" not in str(error)
        return
    assert len(plan.profiles) == 1
    for spec in plan.profiles:
        assert spec.provider in providers.PROVIDERS
        assert 0 < len(spec.name) <= providers.NAME_MAX_LENGTH
        assert (
            providers.profile_errors(
                spec.provider, spec.temperature, spec.presence_penalty, spec.options
            )
            == {}
        )
    assert plan.active_id == plan.profiles[0].id


OWNED_OR_DERIVED = {
    "llm_profiles", "active_llm_profile", "provider_credentials", "ai_source", "openai_key",
    "openrouter_key", "anthropic_key", "enable_openai_key", "enable_openrouter_key",
    "enable_anthropic_key", "openai_model", "temperature", "presence_penalty", "enable_ollama",
    "ollama_url", "ollama_models", "llm_key",
}  # fmt: skip


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents)
def test_import_then_export_keeps_every_key_it_does_not_own(document, config_path):
    LlmProfile.objects.all().delete()
    ProviderCredential.objects.all().delete()
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(json.dumps(document))
    imports.apply_plan(plan_from_document(document))  # legacy values always import
    export(force=True)
    written = json.loads(config_path.read_text())
    for key, value in document.items():
        if key != "settings":
            assert written[key] == value
    for key, value in document["settings"].items():
        if key not in OWNED_OR_DERIVED:
            assert written["settings"][key] == value, key
