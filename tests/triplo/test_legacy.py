"""Turning config.json documents (legacy and new) into import plans: a pure function."""

import uuid

import pytest

from tests import legacy_files
from triplo.legacy import ConversionError, legacy_source, plan_from_document


def test_stock_file_becomes_one_openai_profile():
    plan = plan_from_document(legacy_files.stock())
    assert plan.legacy
    (spec,) = plan.profiles
    assert (spec.name, spec.provider, spec.model) == ("OpenAI (imported)", "open_ai", "gpt-4o-mini")
    assert (spec.temperature, spec.presence_penalty) == (0.5, 0.0)
    assert plan.active_id == spec.id
    assert "open_ai" not in plan.credentials  # the stock key is empty


def test_full_legacy_file_keeps_every_credential_and_accepts_the_alias():
    plan = plan_from_document(legacy_files.full_legacy())
    (spec,) = plan.profiles
    assert spec.provider == "open_router"
    assert spec.name == "OpenRouter (imported)"
    assert (spec.temperature, spec.presence_penalty) == (0.9, 0.4)
    assert plan.credentials == {
        "open_ai": {"api_key": legacy_files.OPENAI_KEY},
        "open_router": {"api_key": legacy_files.OPENROUTER_KEY},
        "anthropic": {"api_key": legacy_files.ANTHROPIC_KEY},
        "ollama": {"url": "http://ollama.lan:11434", "models": ["llama3:8b", "qwen2.5"]},
    }


def test_openai_model_is_used_for_openai():
    document = legacy_files.full_legacy()
    document["settings"]["ai_source"] = "openai"
    (spec,) = plan_from_document(document).profiles
    assert (spec.provider, spec.model) == ("open_ai", "gpt-4.1")


def test_ollama_source_uses_first_local_model():
    document = legacy_files.full_legacy()
    document["settings"]["ai_source"] = "ollama"
    (spec,) = plan_from_document(document).profiles
    assert (spec.provider, spec.model) == ("ollama", "llama3:8b")


def test_out_of_range_legacy_values_are_clamped_with_a_note():
    document = legacy_files.full_legacy()
    document["settings"].update(
        ai_source="anthropic", openai_model="claude-opus-4-1", temperature=1.7, presence_penalty=0.4
    )
    plan = plan_from_document(document)
    (spec,) = plan.profiles
    assert (spec.temperature, spec.presence_penalty) == (1.0, 0.0)
    assert len(plan.notes) == 2


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "JSON object"),
        ({"settings": "x"}, '"settings"'),
        ({"settings": {"llm_profiles": {}}}, "llm_profiles must be a list"),
        ({"settings": {"llm_profiles": [{"id": "nope"}]}}, "is not a UUID"),
        (
            {"settings": {"llm_profiles": [], "active_llm_profile": str(uuid.uuid4())}},
            "is not one of the profiles",
        ),
        ({"settings": {"llm_profiles": [], "provider_credentials": []}}, "must be an object"),
        (
            {"settings": {"llm_profiles": [], "provider_credentials": {"open_ai": {"url": "x"}}}},
            "not a field of open_ai",
        ),
    ],
)
def test_bad_documents_give_one_line_reasons(document, reason):
    with pytest.raises(ConversionError) as caught:
        plan_from_document(document)
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


STOCK = legacy_files.stock()["settings"]


@pytest.mark.parametrize(
    ("changes", "expected", "note"),
    [
        # The old web UI saves a cleared number field as null.
        ({"temperature": None}, {"temperature": 0.5}, "settings.temperature null is not a number"),
        ({"presence_penalty": None}, {"presence_penalty": 0.0}, "presence_penalty null"),
        ({"temperature": ""}, {"temperature": 0.5}, 'settings.temperature "" is not a number'),
        ({"temperature": "0.7"}, {"temperature": 0.7}, 'settings.temperature "0.7" is text'),
        ({"temperature": " 1e0 "}, {"temperature": 1.0}, "read as 1"),
        ({"temperature": "hot"}, {"temperature": 0.5}, '"hot" is not a number: using 0.5'),
        ({"temperature": True}, {"temperature": 0.5}, "true is not a number"),
        ({"temperature": 10**400}, {"temperature": 0.5}, "is not a number: using 0.5"),
        ({"temperature": "Infinity"}, {"temperature": 0.5}, '"Infinity" is not a number'),
        ({"temperature": 9}, {"temperature": 2.0}, "temperature 9 is outside 0..2: using 2"),
        ({"presence_penalty": "-7"}, {"presence_penalty": -2.0}, "outside -2..2: using -2"),
        ({"ai_source": "gemini"}, {"provider": "open_ai"}, '"gemini" is not a Triplo AI source'),
        ({"ai_source": ""}, {"provider": "open_ai"}, 'ai_source "" is not a Triplo AI source'),
        ({"ai_source": None}, {"provider": "open_ai"}, "ai_source null"),
        ({"ai_source": "custom_http"}, {"provider": "open_ai"}, "not a Triplo AI source"),
        ({"openai_model": ""}, {"model": "gpt-4o-mini"}, 'openai_model "" names no OpenAI'),
        ({"openai_model": None}, {"model": "gpt-4o-mini"}, "openai_model null names no"),
        ({"ollama_models": None}, {}, "settings.ollama_models null: using []"),
        ({"ollama_models": "a, b"}, {}, 'ollama_models "a, b": using ["a", "b"]'),
        ({"ollama_url": None}, {}, "settings.ollama_url null is not text"),
    ],
)
def test_legacy_values_as_writers_leave_them_convert_with_a_note(changes, expected, note):
    plan = plan_from_document({"settings": {**STOCK, **changes}})
    (spec,) = plan.profiles
    assert {name: getattr(spec, name) for name in expected} == expected
    assert any(note in line for line in plan.notes), plan.notes


@pytest.mark.parametrize("key", ["openai_key", "anthropic_key"])
@pytest.mark.parametrize("value", [None, 5, "k" * 4097])
def test_an_unusable_key_is_left_out_and_never_quoted(key, value):
    plan = plan_from_document({"settings": {**STOCK, key: value}})
    assert set(plan.credentials) == {"ollama"}  # the stock ollama_url
    (line,) = plan.notes
    assert f"settings.{key} is not a usable key" in line
    assert "kkkk" not in line


def test_a_document_without_settings_gets_triplos_defaults_and_says_so():
    plan = plan_from_document({"version": "5.4.0"})
    (spec,) = plan.profiles
    assert (spec.provider, spec.model, spec.temperature) == ("open_ai", "gpt-4o-mini", 0.5)
    assert plan.notes == ['no "settings" in the file: Triplo\'s defaults']


@pytest.mark.parametrize(
    ("source", "model", "expected", "noted"),
    [
        ("open_router", "anthropic/claude-3.5-sonnet", "anthropic/claude-3.5-sonnet", False),
        ("openrouter", "gpt-4o", "openai/gpt-4o", False),
        ("open_router", "o3-mini", "openai/o3-mini", False),
        ("open_router", "llama3", "openai/gpt-4o-mini", True),
        ("anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5", False),
        ("anthropic", "gpt-4o-mini", "claude-3-5-haiku-latest", True),  # the stock value
        ("open_ai", "ft:gpt-4o:acme::abc", "ft:gpt-4o:acme::abc", False),
    ],
)
def test_openai_model_is_imported_for_every_hosted_provider_it_fits(source, model, expected, noted):
    plan = plan_from_document({"settings": {**STOCK, "ai_source": source, "openai_model": model}})
    (spec,) = plan.profiles
    assert spec.model == expected
    assert bool(plan.notes) == noted, plan.notes


def profile(**overrides):
    return {
        "id": str(uuid.uuid4()),
        "name": "A",
        "provider": "anthropic",
        "model": "claude",
        "temperature": 0.5,
        "presence_penalty": 0,
        "options": {"max_tokens": 100},
    } | overrides


def test_new_format_keeps_ids_order_active_and_credentials():
    first, second = profile(name="One"), profile(name="Two", provider="openrouter")
    plan = plan_from_document(
        {
            "settings": {
                "llm_profiles": [first, second],
                "active_llm_profile": second["id"],
                "provider_credentials": {
                    "openrouter": {"api_key": "k" * 20},
                    "ollama": {"url": "http://x", "models": ["a"], "token": None},
                },
            }
        }
    )
    assert not plan.legacy
    assert [str(s.id) for s in plan.profiles] == [first["id"], second["id"]]
    assert plan.profiles[1].provider == "open_router"
    assert str(plan.active_id) == second["id"]
    assert plan.credentials == {
        "open_router": {"api_key": "k" * 20},
        "ollama": {"url": "http://x", "models": ["a"], "token": ""},  # null: no token
    }


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"temperature": 1.5}, "temperature"),
        ({"presence_penalty": 1}, "presence_penalty"),
        ({"options": {"top_k": 1}}, "top_k"),
        ({"name": None}, "name must be a string"),
        ({"provider": "gemini"}, "unknown provider"),
    ],
)
def test_new_format_profiles_follow_provider_rules(overrides, reason):
    with pytest.raises(ConversionError, match=reason):
        plan_from_document({"settings": {"llm_profiles": [profile(**overrides)]}})


def test_custom_http_goes_through_the_ollama_path():
    assert legacy_source("custom_http") == "ollama"
    assert legacy_source("anthropic") == "anthropic"


@pytest.mark.parametrize("options", [[], "", 0])
def test_new_format_options_of_the_wrong_type_are_refused(options):
    with pytest.raises(ConversionError, match="options"):
        plan_from_document({"settings": {"llm_profiles": [profile(options=options)]}})


def test_new_format_null_options_and_credentials_mean_none():
    plan = plan_from_document(
        {"settings": {"llm_profiles": [profile(options=None)], "provider_credentials": None}}
    )
    assert plan.profiles[0].options == {}
    assert plan.credentials == {}


@pytest.mark.parametrize(
    "url", ["localhost:11434", "http://169.254.169.254", "ftp://x", "http://me:pa55w0rd@host"]
)
def test_unusable_legacy_ollama_url_is_skipped_with_a_note(url):
    document = legacy_files.full_legacy()
    document["settings"]["ollama_url"] = url
    plan = plan_from_document(document)
    assert "ollama" not in plan.credentials
    (note,) = plan.notes
    assert "ollama_url is not used" in note
    assert url not in note  # a URL may carry a password
    assert set(plan.credentials) == {"open_ai", "open_router", "anthropic"}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_refused_in_profiles_and_replaced_in_legacy_fields(value):
    (spec,) = plan_from_document({"settings": {"temperature": value}}).profiles
    assert spec.temperature == 0.5
    with pytest.raises(ConversionError, match="presence_penalty must be a finite number"):
        plan_from_document({"settings": {"llm_profiles": [profile(presence_penalty=value)]}})


def test_new_format_repeated_ids_are_refused():
    first = profile(name="One")
    second = profile(name="Two", id=first["id"])
    with pytest.raises(ConversionError, match=r"llm_profiles\[1\].id .* repeats"):
        plan_from_document({"settings": {"llm_profiles": [first, second]}})
