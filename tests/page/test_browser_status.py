"""The header's status pills in a real browser: config.json drift settled from the page, the
last restart's reason, and config.json that cannot be read or written."""

import json
import shlex
import time

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Page, expect

from credentials.models import ProviderCredential
from profiles import credential_services, services
from profiles.models import LlmProfile
from tests.support.browser import screenshot, settle, sign_in
from triplo import api_views, restart_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENAI_KEY = "sk-proj-statuspage-00000001"
HAND_KEY = "sk-proj-typed-by-hand-99999999"


@pytest.fixture
def active() -> LlmProfile:
    """An active OpenAI profile, exported: config.json exists and is in sync."""
    credential_services.set_credential("open_ai", api_key=OPENAI_KEY)
    profile = services.create_profile(
        name="Fast", provider="open_ai", model="gpt-4o-mini", temperature=0.7
    )
    return services.activate_profile(profile.pk)


def edit_by_hand(config_path, **changes) -> None:
    """What a user (or Triplo's own settings screen) leaves: the owned keys changed in place."""
    document = json.loads(config_path.read_text())
    document["settings"].update(changes)
    config_path.write_text(json.dumps(document, indent=2))


def open_page(page: Page, live_server) -> None:
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()


def row(panel, field: str):
    """The value cells of one field's row in the drift panel."""
    return panel.locator(f'#drift-rows tr:has(th > code:text-is("{field}")) td')


def test_drift_panel_names_the_fields_masked_and_keeps_the_file(
    page: Page, live_server, staff_user, active, config_path, read_config
):
    edit_by_hand(config_path, temperature=1.2, openai_model="gpt-4o", openai_key=HAND_KEY)
    open_page(page, live_server)
    pill = page.locator("#config-state")
    expect(pill).to_have_text("config.json changed outside")
    pill.click()
    panel = page.locator("#drift-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(str(config_path))
    rows = panel.locator("#drift-rows tr")
    expect(rows).to_have_count(3)
    # Each row: the file's value, then triplo-config's.
    expect(row(panel, "temperature")).to_have_text(["1.2", "0.7"])
    expect(row(panel, "openai_model")).to_have_text(["gpt-4o", "gpt-4o-mini"])
    expect(row(panel, "openai_key")).to_have_text(["sk-proj-…9999", "sk-proj-…0001"])
    assert HAND_KEY not in page.content() and OPENAI_KEY not in page.content()
    screenshot(page, "status_drift_panel")
    panel.get_by_role("button", name="Keep the file").click()
    # The page reloads so the editor shows the imported values.
    expect(page.locator("#notice")).to_contain_text("Kept the file's values.")
    expect(pill).to_have_text("config.json in sync")
    expect(page.get_by_label("Temperature", exact=True)).to_have_value("1.2")
    settle(page)
    active.refresh_from_db()
    assert (active.temperature, active.model) == (1.2, "gpt-4o")
    assert ProviderCredential.objects.get(provider="open_ai").api_key == HAND_KEY
    config = read_config()
    assert (config["temperature"], config["openai_model"]) == (1.2, "gpt-4o")


def test_drift_panel_by_keyboard_keeps_triplo_configs(
    page: Page, live_server, staff_user, active, config_path, read_config
):
    edit_by_hand(config_path, temperature=1.5)
    open_page(page, live_server)
    pill = page.locator("#config-state")
    expect(pill).to_have_text("config.json changed outside")
    panel = page.locator("#drift-panel")
    pill.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(pill).to_be_focused()
    page.keyboard.press("Enter")
    keep = panel.get_by_role("button", name="Keep triplo-config's")
    expect(keep).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(keep).to_be_in_viewport()
    screenshot(page, "status_drift_panel_phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    keep.focus()
    page.keyboard.press("Enter")
    expect(panel.locator("#drift-result")).to_have_text("Rewrote config.json from triplo-config.")
    expect(pill).to_have_text("config.json in sync")
    expect(panel).to_contain_text("config.json matches triplo-config")
    expect(keep).to_be_hidden()
    expect(panel.get_by_role("button", name="Close")).to_be_focused()
    screenshot(page, "status_drift_resolved")
    settle(page)
    assert read_config()["temperature"] == 0.7
    assert LlmProfile.objects.get().temperature == 0.7


def wait_for_restart_result(data_dir, seconds: float = 60) -> dict:
    """The detached restart worker records its outcome in the data dir when it ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = restart_worker.last_result(data_dir) or {}
        if result.get("ended_at"):
            return result
        time.sleep(0.2)
    raise AssertionError("the restart worker recorded no result")


def test_restart_pill_shows_why_the_last_restart_failed(
    page: Page, live_server, staff_user, active, settings
):
    script = (
        "echo 'unix:///var/run/supervisor.sock refused connection'; "
        "echo 'triplo: ERROR (spawn error)' >&2; exit 7"
    )
    settings.TRIPLO_RESTART_COMMAND = shlex.join(["sh", "-c", script])
    settings.TRIPLO_RESTART_DEBOUNCE = 0
    open_page(page, live_server)
    pill = page.locator("#triplo-state")
    pill.click()
    panel = page.locator("#restart-panel")
    expect(panel).to_contain_text("No restart recorded yet.")
    panel.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Restart Triplo").click()
    expect(page.locator("#notice")).to_contain_text("Restart requested")
    result = wait_for_restart_result(settings.TRIPLO_DATA_DIR)
    pill.click()
    expect(panel).to_contain_text("The last restart failed.")
    expect(pill).to_contain_text("restart failed")
    expect(panel.locator("#restart-facts")).to_contain_text("Exit code7")
    expect(panel).to_contain_text("triplo: ERROR (spawn error)")
    # Every stream the server kept is shown (stdout once the worker records it too).
    for key, text in result.items():
        if key.endswith("_tail") and text.strip():
            expect(panel).to_contain_text(text.strip())
    screenshot(page, "status_restart_failed")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(pill).to_be_focused()


def break_json(config_path) -> None:
    config_path.write_text('{\n  "settings": {\n    "temperature": 0.7,,\n  }\n}\n')


def test_unreadable_config_json_is_named_in_the_pill_and_the_panel(
    page: Page, live_server, staff_user, active, config_path
):
    break_json(config_path)
    open_page(page, live_server)
    pill = page.locator("#config-state")
    expect(pill).to_have_text("config.json unreadable")
    pill.click()
    panel = page.locator("#drift-panel")
    expect(panel.locator("#drift-summary")).to_contain_text(str(config_path))
    expect(panel.locator("#drift-summary")).to_contain_text("line 3")
    # Nothing to choose between while the file cannot be read.
    expect(panel.get_by_role("button", name="Keep the file")).to_be_hidden()
    expect(panel.get_by_role("button", name="Keep triplo-config's")).to_be_hidden()
    expect(page.locator("#drift-fields")).to_be_hidden()


def test_unreadable_config_json_gets_a_banner(
    page: Page, live_server, staff_user, active, config_path
):
    break_json(config_path)
    if "config_error" not in api_views.status_document():
        pytest.skip("requires config_error in /api/status")
    open_page(page, live_server)
    banner = page.locator("#config-error")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(f"config.json unreadable: {config_path}")
    expect(banner).to_contain_text("line 3")
    expect(page.locator("#config-state")).to_have_text("config.json unreadable")
    screenshot(page, "status_config_unreadable")


def has_export_route() -> bool:
    try:
        resolve("/api/config/export")
    except Resolver404:
        return False
    return True


def test_a_failed_export_shows_its_error_and_retry_writes_the_file(
    page: Page, live_server, staff_user, active, config_path, read_config
):
    if not has_export_route():
        pytest.skip("requires /api/config/export")
    # A directory where config.json belongs: no export can write it (root or not).
    config_path.unlink()
    config_path.mkdir()
    open_page(page, live_server)
    page.locator("#advanced summary").click()
    page.get_by_label("Temperature", exact=True).fill("0.9")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Saved “Fast”")
    banner = page.locator("#export-error")
    expect(banner).to_contain_text("config.json not written: ")
    expect(page.locator("#config-state")).to_have_text("config.json not written")
    screenshot(page, "status_export_failed")
    config_path.rmdir()
    banner.get_by_role("button", name="Retry writing config.json").click()
    expect(page.locator("#notice")).to_contain_text("config.json written.")
    expect(banner).to_be_hidden()
    expect(page.locator("#config-state")).to_have_text("config.json in sync")
    settle(page)
    assert read_config()["temperature"] == 0.9
