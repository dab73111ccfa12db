"""The API & Models page in a real browser, against the live server and real config.json."""

import re

import pytest
from playwright.sync_api import Page, expect

from credentials.models import ProviderCredential
from history import services as history
from profiles import credential_services, document, services
from profiles.models import LlmProfile
from tests.support.browser import screenshot, settle, sign_in
from triplo import legacy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENAI_KEY = "sk-proj-browsertest-0123456789wxyz"


@pytest.fixture(autouse=True)
def hosted_providers(settings, httpserver):
    """The hosted providers' model lists come from a local stand-in, never the internet."""
    base = httpserver.url_for("/v1")
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        "open_ai": base,
        "open_router": base,
        "anthropic": base,
    }
    httpserver.expect_request("/v1/models").respond_with_json(
        {"data": [{"id": "gpt-4o"}, {"id": "gpt-4o-mini"}, {"id": "claude-3-5-haiku-latest"}]}
    )
    return httpserver


def open_manager(page: Page, live_server) -> None:
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()


def sidebar_names(page: Page) -> list[str]:
    return page.locator("#profile-list .profile-name").all_inner_texts()


def test_sign_in_shows_the_page_and_works_on_a_phone(page: Page, live_server, staff_user):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    page.get_by_label("User name").fill("ada")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    screenshot(page, "login_error")
    page.get_by_label("Password").fill("browser-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="API & Models")).to_be_visible()
    expect(page.locator("#active-summary")).to_contain_text("No active profile")
    expect(page.locator("#user-name")).to_have_text("ada")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("button", name="Create profile")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "manager_phone")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_create_openai_profile_shows_only_the_key_hint(page: Page, live_server, staff_user):
    open_manager(page, live_server)
    page.get_by_label("Name", exact=True).fill("GPT everyday")
    page.get_by_label("Provider", exact=True).select_option("open_ai")
    page.get_by_label("API key", exact=True).fill(OPENAI_KEY)
    expect(page.locator("#dirty-flag")).to_be_visible()
    page.get_by_role("button", name="Create profile").click()
    expect(page.locator("#notice")).to_contain_text("Created “GPT everyday”")
    expect(page.locator(".secret-hint")).to_have_text("sk-proj-…wxyz")
    expect(page.get_by_label("API key", exact=True)).to_be_hidden()
    expect(page.locator("#dirty-flag")).to_be_hidden()
    assert OPENAI_KEY not in page.content()
    assert page.get_by_label("API key", exact=True).input_value() == ""
    assert sidebar_names(page) == ["GPT everyday"]
    settle(page)
    assert ProviderCredential.objects.get(provider="open_ai").api_key == OPENAI_KEY
    # The model list came from the stand-in provider.
    expect(page.locator("#f-model-select option", has_text="gpt-4o-mini")).to_be_attached()
    # The history records the page as the face: its API calls carry only the session.
    assert {(v.actor, v.face) for v in history.versions()} == {("ada", "page")}


def test_switch_to_ollama_and_pick_a_listed_model(page: Page, live_server, staff_user, httpserver):
    httpserver.expect_request("/api/tags").respond_with_json(
        {"models": [{"name": "llama3.2:latest"}, {"name": "qwen2.5:7b"}]}
    )
    profile = services.create_profile(name="Writer", provider="open_ai", model="gpt-4o")
    open_manager(page, live_server)
    page.get_by_label("Provider", exact=True).select_option("ollama")
    page.get_by_label("Server URL").fill(httpserver.url_for("/").rstrip("/"))
    page.get_by_role("button", name="Refresh list of models").click()
    expect(page.locator("#model-meta")).to_contain_text("2 models")
    page.locator("#f-model-select").select_option("qwen2.5:7b")
    page.get_by_role("button", name="Test connection").click()
    expect(page.locator("#test-result")).to_contain_text("Connected")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Saved “Writer”")
    settle(page)
    profile.refresh_from_db()
    assert (profile.provider, profile.model) == ("ollama", "qwen2.5:7b")
    expect(page.locator("#profile-list")).to_contain_text("Ollama · qwen2.5:7b")


def test_duplicate_places_the_copy_after_the_original(page: Page, live_server, staff_user):
    services.create_profile(name="Alpha", provider="open_ai", model="gpt-4o")
    services.create_profile(name="Beta", provider="anthropic", model="claude-3-5-haiku-latest")
    open_manager(page, live_server)
    page.get_by_role("button", name="Duplicate").click()
    expect(page.locator("#editor-title")).to_have_text("Alpha (copy)")
    assert sidebar_names(page) == ["Alpha", "Alpha (copy)", "Beta"]
    settle(page)
    assert [p.name for p in LlmProfile.objects.ordered()] == ["Alpha", "Alpha (copy)", "Beta"]
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "manager_phone_profiles")


def test_reorder_by_drag_and_by_keyboard(page: Page, live_server, staff_user, read_config):
    for name in ("One", "Two", "Three"):
        services.create_profile(name=name, provider="open_ai", model="gpt-4o")
    open_manager(page, live_server)
    items = page.locator("#profile-list .profile-item")
    items.nth(2).drag_to(items.nth(0), target_position={"x": 40, "y": 4})
    expect(page.locator("#profile-list .profile-name").first).to_have_text("Three")
    assert sidebar_names(page) == ["Three", "One", "Two"]
    move_down = page.get_by_role("button", name="Move Three down")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#profile-list .profile-name").first).to_have_text("One")
    assert sidebar_names(page) == ["One", "Three", "Two"]
    # Focus stays on the moved profile's button, so it can be pressed again.
    page.keyboard.press("Enter")
    expect(page.locator("#profile-list .profile-name").last).to_have_text("Three")
    settle(page)
    assert [p.name for p in LlmProfile.objects.ordered()] == ["One", "Two", "Three"]
    assert [p["name"] for p in read_config()[document.PROFILES_KEY]] == ["One", "Two", "Three"]


def test_set_active_changes_the_header_and_config_json(
    page: Page, live_server, staff_user, read_config
):
    credential_services.set_credential("anthropic", api_key="sk-ant-api03-browsertest-abcd")
    first = services.create_profile(name="GPT", provider="open_ai", model="gpt-4o")
    credential_services.set_credential("open_ai", api_key=OPENAI_KEY)
    services.activate_profile(first.pk)
    claude = services.create_profile(
        name="Claude fast", provider="anthropic", model="claude-3-5-haiku-latest"
    )
    open_manager(page, live_server)
    expect(page.locator("#active-summary")).to_contain_text("GPT")
    page.locator(".profile-select", has_text="Claude fast").click()
    page.get_by_role("button", name="Set as active").click()
    expect(page.locator("#active-summary")).to_contain_text("Active: Claude fast · Anthropic")
    expect(page.locator("#active-badge")).to_be_visible()
    settle(page)
    config = read_config()
    assert config[document.ACTIVE_KEY] == str(claude.pk)
    assert config["ai_source"] == legacy.legacy_source("anthropic")


def test_anthropic_temperature_and_missing_key_are_shown_in_place(
    page: Page, live_server, staff_user
):
    services.create_profile(name="Claude", provider="anthropic", model="claude-3-5-haiku-latest")
    open_manager(page, live_server)
    expect(page.locator("#presence-wrap")).to_be_hidden()
    page.get_by_role("button", name="Set as active").click()
    expect(page.locator("#err-credential")).to_have_text("Anthropic credential is missing: API key")
    page.locator("#advanced summary").click()
    page.get_by_label("Temperature", exact=True).fill("1.5")
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator("#err-temperature")
    expect(error).to_have_text("Anthropic temperature must be between 0 and 1")
    expect(page.get_by_label("Temperature", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#dirty-flag")).to_be_visible()
    settle(page)
    assert LlmProfile.objects.get().temperature == 0.7


def test_unsaved_changes_delete_rules_and_single_profile_mode(page: Page, live_server, staff_user):
    credential_services.set_credential("open_ai", api_key=OPENAI_KEY)
    active = services.create_profile(name="Main", provider="open_ai", model="gpt-4o")
    services.activate_profile(active.pk)
    services.create_profile(name="Spare", provider="open_ai", model="gpt-4o-mini")
    open_manager(page, live_server)
    dialog = page.locator("#confirm-dialog")
    # Unsaved edits are flagged and not dropped without asking.
    page.get_by_label("Name", exact=True).fill("Main renamed")
    expect(page.locator("#dirty-flag")).to_be_visible()
    page.locator(".profile-select", has_text="Spare").click()
    expect(dialog).to_contain_text("unsaved changes")
    dialog.get_by_role("button", name="Keep editing").click()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Main renamed")
    # The active profile cannot be deleted; the page says why.
    page.get_by_role("button", name="Delete").click()
    expect(dialog).to_contain_text("Activate another profile first")
    dialog.get_by_role("button", name="OK").click()
    page.locator(".profile-select", has_text="Spare").click()
    dialog.get_by_role("button", name="Discard changes").click()
    expect(page.locator("#editor-title")).to_have_text("Spare")
    page.get_by_role("button", name="Delete").click()
    expect(dialog).to_contain_text("Delete “Spare”?")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.locator("#notice")).to_contain_text("Deleted “Spare”")
    assert sidebar_names(page) == ["Main"]
    settle(page)
    assert LlmProfile.objects.get().name == "Main"
    # Single-profile mode shows only the active profile's editor, and is remembered.
    page.get_by_role("switch", name="Multi-provider mode").uncheck()
    expect(page.locator("#sidebar")).to_be_hidden()
    page.reload()
    expect(page.locator("body.is-ready")).to_be_attached()
    expect(page.locator("#sidebar")).to_be_hidden()
    expect(page.locator("#editor-title")).to_have_text("Main")
