"""Masks shown for stored secrets never reveal them."""

import pytest

from credentials.masking import FULL_MASK, mask, mask_key_text, mask_url_password


def test_empty_secret_has_no_mask():
    assert mask("") == ""


@pytest.mark.parametrize("secret", ["a", "short", "elevenchars"])
def test_short_secrets_fully_masked(secret):
    assert mask(secret) == FULL_MASK


def test_long_secret_shows_last_four_only():
    assert mask("abcdefghijklmnop") == "…mnop"
    assert mask("sk-1234567890abcd") == "sk-…abcd"


@pytest.mark.parametrize(
    "secret",
    [
        "sk-proj-abcd",
        "sk-or-v1-abc",
        "sk-ant-api03-x",
        "sk-proj-abcdefgh",
        "sk-or-v1-0123456789",
        "sk-ant-api03-0123456789ab",
    ],
)
def test_mask_never_reveals_most_of_the_secret(secret):
    shown = mask(secret).replace("…", "")
    hidden = len(secret) - len(shown)
    assert hidden >= 8, mask(secret)
    assert mask(secret).endswith(secret[-4:]) or mask(secret) == FULL_MASK


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("http://bob:s3cret@ollama:11434/api", "http://bob:••••••••@ollama:11434/api"),
        ("http://ollama:11434", "http://ollama:11434"),
        ("http://bob@ollama:11434", "http://bob@ollama:11434"),
        ("mail me at a@b.c", "mail me at a@b.c"),
        ("http://[::1", "http://[::1"),
    ],
)
def test_a_password_in_a_url_is_masked(text, shown):
    assert mask_url_password(text) == shown


@pytest.mark.parametrize(
    ("text", "secrets", "shown"),
    [
        ("Incorrect API key provided: sk-abc***.", (), f"Incorrect API key provided: {FULL_MASK}."),
        ("bad token hunter2-hunter2", ("hunter2-hunter2",), "bad token …ter2"),
        ("token 0123456789abcdef0123456789abcdef0 refused", (), "token …def0 refused"),
        ("invalid x-api-key", (), "invalid x-api-key"),
        ("User not found.", ("",), "User not found."),
    ],
)
def test_key_text_in_messages_is_masked(text, secrets, shown):
    assert mask_key_text(text, secrets) == shown
