"""Fixes found by using the page as a new user (issue 13): a new profile with one profile and
the list hidden, a header on one row from 1024 to 1440 px, a favicon instead of a 404."""

import pytest
from playwright.sync_api import Page, expect

from credentials.models import ProviderCredential
from history.models import Version
from profiles import credential_services, preferences, services
from tests.support.browser import screenshot, settle, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def one_profile():
    credential_services.set_credential("open_ai", api_key="sk-proj-pagefixes-0123456789abcd")
    profile = services.create_profile(name="Only", provider="open_ai", model="gpt-4o")
    services.activate_profile(profile.pk)
    preferences.set_multi_provider_mode(False)
    return profile


def test_a_new_profile_is_one_click_away_with_the_list_hidden(
    page: Page, live_server, staff_user, one_profile
):
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    expect(page.locator("#sidebar")).to_be_hidden()
    button = page.locator("#new-profile-single")
    expect(button).to_be_visible()
    expect(page.locator("#new-profile-single-help")).to_contain_text("Multi-provider mode")
    button.click()
    expect(page.locator("#editor-title")).to_have_text("New profile")


@pytest.mark.parametrize("width", [1024, 1180, 1280, 1440])
def test_the_header_stays_on_one_row(page: Page, live_server, staff_user, one_profile, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    brand = page.locator(".topbar-brand").bounding_box()
    user = page.locator(".topbar-user").bounding_box()
    status = page.locator(".topbar-status").bounding_box()
    for part in (user, status):
        assert part["y"] < brand["y"] + brand["height"], (width, brand, part)
    assert user["x"] + user["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"header_{width}")


def test_the_page_has_a_favicon(page: Page, live_server, staff_user, one_profile):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    settle(page)
    href = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(live_server.url + href).status == 200
    assert not missing


def test_a_typed_key_is_tried_without_being_stored(
    page: Page, live_server, staff_user, settings, httpserver
):
    typed = "sk-proj-typed-in-the-browser-0123456789"
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        "open_ai": httpserver.url_for("/v1"),
        "open_router": httpserver.url_for("/v1"),
        "anthropic": httpserver.url_for("/v1"),
    }
    httpserver.expect_request(
        "/v1/models", headers={"Authorization": f"Bearer {typed}"}
    ).respond_with_json({"data": [{"id": "gpt-typed-1"}, {"id": "gpt-typed-2"}]})
    httpserver.expect_request("/v1/models").respond_with_json({"error": "no key"}, status=401)
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    page.get_by_label("API key").fill(typed)
    page.get_by_role("button", name="Test connection").click()
    expect(page.locator("#test-result")).to_contain_text("Connected")
    page.get_by_role("button", name="Refresh list of models").click()
    expect(page.locator("#f-model-select option", has_text="gpt-typed-2")).to_be_attached()
    settle(page)
    assert not ProviderCredential.objects.exists()
    assert not Version.objects.exists()


def test_messages_use_the_labels_people_see(page: Page, live_server, staff_user, one_profile):
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    page.get_by_label("Name", exact=True).fill("")
    page.locator("#advanced summary").click()
    page.get_by_label("Max tokens").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#err-name")).to_have_text("A name is required")
    expect(page.locator("#err-options")).to_contain_text("Max tokens must be a whole number from 1")
