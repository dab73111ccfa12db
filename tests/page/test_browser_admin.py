"""The admin in a real browser: the Activate action and drag-and-drop ordering."""

import pytest
from playwright.sync_api import Page, expect

from profiles import credential_services, document, services
from profiles.models import LlmProfile
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGELIST = "/admin/profiles/llmprofile/"


def row(page: Page, name: str):
    return page.locator(
        "#result_list tbody tr", has=page.get_by_role("link", name=name, exact=True)
    )


def test_activate_through_the_action(page: Page, live_server, staff_user, read_config):
    credential_services.set_credential("open_ai", api_key="sk-proj-admin-browser-0000")
    first = services.create_profile(name="Everyday", provider="open_ai", model="gpt-4o-mini")
    services.activate_profile(first.pk)
    second = services.create_profile(name="Careful", provider="open_ai", model="gpt-4o")
    sign_in(page, live_server.url)
    page.goto(live_server.url + CHANGELIST)
    expect(page.locator(".triplo-active")).to_contain_text("Everyday")
    row(page, "Careful").locator("input.action-select").check()
    row(page, "Everyday").locator("input.action-select").check()
    page.locator("select[name=action]").select_option("activate")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Select exactly one profile")
    row(page, "Careful").locator("input.action-select").check()
    page.locator("select[name=action]").select_option("activate")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("'Careful' is now the active profile")
    expect(page.locator(".triplo-active")).to_contain_text("Active profile: Careful")
    assert LlmProfile.objects.get(is_active=True) == second
    assert read_config()[document.ACTIVE_KEY] == str(second.pk)


def test_reorder_by_drag(page: Page, live_server, staff_user, read_config):
    for name in ("First", "Second", "Third"):
        services.create_profile(name=name, provider="ollama", model="llama3")
    sign_in(page, live_server.url)
    page.goto(live_server.url + CHANGELIST)
    handles = page.locator("#result_list tbody .drag.handle")
    with page.expect_response(lambda r: "adminsortable2_update" in r.url) as answer:
        handles.nth(2).drag_to(handles.nth(0))
    assert answer.value.ok
    assert [p.name for p in LlmProfile.objects.ordered()] == ["Third", "First", "Second"]
    assert [p["name"] for p in read_config()[document.PROFILES_KEY]] == ["Third", "First", "Second"]
    page.reload()
    names = page.locator("#result_list tbody th a").all_inner_texts()
    assert names == ["Third", "First", "Second"]


def test_change_form_uses_the_service_rules_and_credentials_show_hints(
    page: Page, live_server, staff_user
):
    profile = services.create_profile(
        name="Claude", provider="anthropic", model="claude-3-5-haiku-latest"
    )
    credential = credential_services.set_credential(
        "anthropic", api_key="sk-ant-api03-admin-browser-9876"
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/profiles/llmprofile/{profile.pk}/change/")
    page.get_by_label("Temperature").fill("1.5")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text(
        "Anthropic temperature must be between 0 and 1"
    )
    page.goto(f"{live_server.url}/admin/credentials/providercredential/{credential.pk}/change/")
    expect(page.locator(".field-new_api_key .help")).to_contain_text("sk-ant-api03-…9876")
    expect(page.locator("#id_new_api_key")).to_have_value("")
    expect(page.locator(".field-used_by_list")).to_contain_text("Claude")
    assert "admin-browser-9876" not in page.content()
