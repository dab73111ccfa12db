"""The provider catalogue: ids, aliases, credential fields and parameter rules."""

import pytest

from credentials import providers


def test_ids_and_labels():
    assert list(providers.PROVIDERS) == [
        "open_ai",
        "open_router",
        "anthropic",
        "ollama",
        "custom_http",
    ]
    assert all(p.label for p in providers.PROVIDERS.values())


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("openrouter", "open_router"),
        ("openai", "open_ai"),
        ("OpenRouter", "open_router"),
        (" open_ai ", "open_ai"),
        ("anthropic", "anthropic"),
        ("custom_http", "custom_http"),
    ],
)
def test_aliases_resolve(given, expected):
    assert providers.resolve(given).id == expected
    assert providers.canonical_id(given) == expected


@pytest.mark.parametrize("given", ["gemini", "", None, 3, ["open_ai"]])
def test_unknown_provider(given):
    with pytest.raises(providers.UnknownProvider, match="unknown provider"):
        providers.resolve(given)
    assert providers.canonical_id(given) is None


def test_credential_fields():
    def fields(provider_id):
        return {
            f.name: (f.required, f.secret)
            for f in providers.PROVIDERS[provider_id].credential_fields
        }

    for hosted in ("open_ai", "open_router", "anthropic"):
        assert fields(hosted) == {"api_key": (True, True)}
    assert fields("ollama") == {
        "url": (True, False),
        "token": (False, True),
        "models": (False, False),
    }
    assert fields("custom_http") == {"base_url": (True, False), "api_key": (False, True)}


@pytest.mark.parametrize(
    ("provider", "temperature", "presence", "ok"),
    [
        ("open_ai", 0, -2, True),
        ("open_ai", 2, 2, True),
        ("open_ai", 2.01, 0, False),
        ("open_ai", -0.1, 0, False),
        ("open_router", 1.5, -2.5, False),
        ("anthropic", 1, 0, True),
        ("anthropic", 1.2, 0, False),
        ("anthropic", 0.5, 0.5, False),
        ("ollama", 2, 0, True),
        ("custom_http", 0.3, 1.9, True),
    ],
)
def test_parameter_ranges(provider, temperature, presence, ok):
    errors = providers.profile_errors(provider, temperature, presence, {})
    assert (errors == {}) is ok


def test_anthropic_messages_explain_the_rule():
    errors = providers.profile_errors("anthropic", 1.5, 0.2, {})
    assert errors["temperature"] == ["Anthropic temperature must be between 0 and 1"]
    assert "must be 0" in errors["presence_penalty"][0]


@pytest.mark.parametrize("bad", [True, "0.5", None])
def test_non_numbers_rejected(bad):
    assert set(providers.profile_errors("open_ai", bad, bad, {})) == {
        "temperature",
        "presence_penalty",
    }


def test_options():
    assert providers.option_errors({"max_tokens": 1, "json_mode": True, "stream": False}) == []
    assert providers.option_errors({"max_tokens": 1_000_000}) == []
    assert providers.option_errors({}) == []
    assert providers.option_errors([]) == ["must be an object"]
    (unknown,) = providers.option_errors({"top_k": 3})
    assert "'top_k'" in unknown
    for bad in (0, 1_000_001, 1.5, True, "10"):
        (reason,) = providers.option_errors({"max_tokens": bad})
        assert reason.startswith("max_tokens must be a whole number")
    for bad in (1, "true", None):
        assert providers.option_errors({"stream": bad}) == ["stream must be true or false"]


def test_profile_errors_for_unknown_provider():
    assert "provider" in providers.profile_errors("nope", 0.5, 0, {})


def test_catalogue_is_plain_data():
    entries = {entry["id"]: entry for entry in providers.catalogue()}
    assert entries["anthropic"]["temperature"] == {"min": 0.0, "max": 1.0}
    assert entries["anthropic"]["presence_penalty"]["supported"] is False
    assert entries["open_ai"]["presence_penalty"]["supported"] is True
    assert "openrouter" in entries["open_router"]["aliases"]
    assert [f["name"] for f in entries["ollama"]["credential_fields"]] == ["url", "token", "models"]


@pytest.mark.parametrize(
    "url", ["http://localhost:11434", "https://example.com/v1", "http://10.0.0.5:8000/v1"]
)
def test_good_urls(url):
    assert providers.url_errors(url) == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com",
        "localhost:11434",
        "http://user:pw@example.com",
        "http://169.254.169.254/latest",
        "http://169.254.169.254./latest",
        "http://[::ffff:169.254.169.254]/",
        "http://2852039166/",
        "http://0xa9fea9fe/",
        "http://169.254.43518/",
        "http://[fe80::1]/",
        "http://example.com:99999",
        "http://" + "a" * 2000,
        42,
    ],
)
def test_bad_urls(url):
    assert providers.url_errors(url)
