"""The History panel in a real browser: versions, their changes, and a confirmed rollback."""

import pytest
from playwright.sync_api import Page, expect

from history import services as history
from profiles import credential_services, services
from profiles.models import LlmProfile
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENAI_KEY = "sk-proj-browser-history-0123456789"


def open_history(page: Page, live_server) -> None:
    sign_in(page, live_server.url)
    page.get_by_role("heading", name="History").click()
    expect(page.locator("#history-list .history-item").first).to_be_visible()


def test_history_lists_changes_shows_a_diff_and_rolls_back(
    page: Page, live_server, staff_user, read_config
):
    credential_services.set_credential("open_ai", api_key=OPENAI_KEY)
    a = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    services.create_profile(name="Local", provider="ollama", model="llama3")
    services.activate_profile(a.pk)  # version 4
    services.update_profile(a.pk, name="Quick", temperature=0.2)  # version 5
    open_history(page, live_server)

    items = page.locator("#history-list .history-item")
    expect(items).to_have_count(5)
    expect(items.first).to_contain_text("#5")
    expect(items.first).to_contain_text("updated 'Quick'")
    expect(items.first).to_contain_text("cli · command")
    expect(items.first.get_by_role("button", name="Roll back")).to_have_count(0)

    page.get_by_role("button", name="Show the changes in version 5").click()
    lines = page.locator("#history-diff-lines li")
    expect(lines).to_have_text(
        [
            "~ profile 'Quick': name 'Fast' -> 'Quick'",
            "~ profile 'Quick': temperature 0.7 -> 0.2",
        ]
    )

    page.get_by_role("button", name="Roll back to version 2").click()
    dialog = page.locator("#history-confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("- profile 'Local'")
    expect(dialog).to_contain_text("~ active: 'Quick' -> None")
    page.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert history.versions().count() == 5

    page.get_by_role("button", name="Roll back to version 4").click()
    expect(dialog).to_contain_text("~ profile 'Fast': name 'Quick' -> 'Fast'")
    dialog.get_by_role("button", name="Roll back").click()
    expect(page.locator("#history-status")).to_contain_text(
        "Rolled back to version 4 (recorded as version 6)."
    )
    expect(items.first).to_contain_text("rolled back to 4")
    expect(items.first).to_contain_text("ada · page")
    profile = LlmProfile.objects.get(pk=a.pk)
    assert (profile.name, profile.temperature, profile.is_active) == ("Fast", 0.7, True)
    assert read_config()["llm_profiles"][0]["name"] == "Fast"
    expect(page.locator("#profile-list")).to_contain_text("Fast")


def test_a_refused_rollback_says_why(page: Page, live_server, staff_user):
    services.create_profile(name="Only", provider="ollama", model="llama3")
    services.create_profile(name="Second", provider="ollama", model="llama3")
    history.Version.objects.filter(number=1).update(secrets_recorded=False)
    open_history(page, live_server)
    page.get_by_role("button", name="Roll back to version 1").click()
    page.locator("#history-confirm").get_by_role("button", name="Roll back").click()
    expect(page.locator("#history-status")).to_contain_text(
        "cannot roll back to version 1: its credentials were unreadable"
    )
    assert LlmProfile.objects.count() == 2
