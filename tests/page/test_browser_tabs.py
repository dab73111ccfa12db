"""The settings tabs (Preferences, Voice & Audio, Display & UI, Local LLM) in a real browser:
a change survives a reload and lands in config.json alone; a bad value is refused under its
field; every tab is photographed and checked with axe-core."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from credentials.models import ProviderCredential
from history.models import Version
from profiles import credential_services
from tests.support.browser import PASSWORD, screenshot, settle, sign_in
from triplo import configfile
from triplo.export import export

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def triplo_file(config_path):
    """config.json as after the first start, with a key from a future Triplo version."""
    document = configfile.stock_document()
    document["settings"]["future_key"] = {"nested": [1]}
    configfile.write_atomic(config_path, configfile.serialize(document))
    export(force=True)
    return config_path


def settings_on_disk(path: Path) -> dict:
    return json.loads(path.read_text())["settings"]


def open_tab(page: Page, base_url: str, name: str, label: str) -> None:
    page.goto(f"{base_url}/#{name}")
    expect(page.locator("body.is-ready")).to_be_attached()
    expect(page.get_by_role("tab", name=label)).to_have_attribute("aria-selected", "true")


def save(page: Page, panel: str) -> None:
    page.locator(f"#panel-{panel}").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Saved")
    settle(page)


CHANGES = [
    # (tab id, tab label, setting, how to change it, the value config.json then holds)
    ("preferences", "Preferences", "custom_hotkey", ("fill", "Hotkey", "Alt+Space"), "Alt+Space"),
    ("voice-audio", "Voice & Audio", "voice_tts_voice", ("select", "Voice", "nova"), "nova"),
    ("display-ui", "Display & UI", "color_scheme", ("select", "Colour scheme", "dark"), "dark"),
    ("local-llm", "Local LLM", "sync_local_llm", ("check", "Sync local LLMs", True), True),
]


@pytest.mark.parametrize(("tab", "label", "key", "action", "expected"), CHANGES)
def test_a_change_survives_a_reload_and_touches_only_its_key(
    page: Page, live_server, staff_user, triplo_file, tab, label, key, action, expected
):
    sign_in(page, live_server.url)
    before = settings_on_disk(triplo_file)
    open_tab(page, live_server.url, tab, label)
    panel = page.locator(f"#panel-{tab}")
    how, field, value = action
    control = panel.get_by_label(field, exact=True)
    if how == "fill":
        control.fill(value)
    elif how == "select":
        control.select_option(value)
    else:
        control.check()
    save(page, tab)
    assert settings_on_disk(triplo_file) == {**before, key: expected}
    page.reload()
    expect(page.locator("body.is-ready")).to_be_attached()
    control = page.locator(f"#panel-{tab}").get_by_label(field, exact=True)
    if how == "check":
        expect(control).to_be_checked()
    else:
        expect(control).to_have_value(value)
    assert Version.objects.count() == 1


def test_a_bad_value_shows_its_error_under_the_field(
    page: Page, live_server, staff_user, triplo_file
):
    sign_in(page, live_server.url)
    before = triplo_file.read_bytes()
    open_tab(page, live_server.url, "voice-audio", "Voice & Audio")
    page.get_by_label("Speech speed").fill("9")
    page.locator("#panel-voice-audio").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#ts-err-voice_tts_speed")).to_have_text(
        "Speech speed must be between 0.25 and 4"
    )
    expect(page.get_by_label("Speech speed")).to_be_focused()
    assert triplo_file.read_bytes() == before


def test_saving_nothing_changed_records_nothing(page: Page, live_server, staff_user, triplo_file):
    sign_in(page, live_server.url)
    open_tab(page, live_server.url, "display-ui", "Display & UI")
    page.locator("#panel-display-ui").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Nothing to save")
    assert not Version.objects.exists()


def test_local_llm_key_regenerates_after_a_confirmation(
    page: Page, live_server, staff_user, triplo_file
):
    sign_in(page, live_server.url)
    old = settings_on_disk(triplo_file)["llm_key"]
    open_tab(page, live_server.url, "local-llm", "Local LLM")
    expect(page.get_by_label("Local LLM key", exact=True)).not_to_have_value(old)  # masked
    page.get_by_role("button", name="Regenerate").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Regenerate").click()
    expect(page.locator("#notice")).to_contain_text("new local LLM key")
    settle(page)
    new = settings_on_disk(triplo_file)["llm_key"]
    assert new != old and len(new) == 19


def test_local_llm_models_are_the_ollama_credentials(
    page: Page, live_server, staff_user, triplo_file, httpserver
):
    httpserver.expect_request("/api/tags").respond_with_json(
        {"models": [{"name": "llama3.2:3b"}, {"name": "qwen2.5:7b"}]}
    )
    credential_services.set_credential("ollama", url=httpserver.url_for("/").rstrip("/"))
    sign_in(page, live_server.url)
    open_tab(page, live_server.url, "local-llm", "Local LLM")
    page.get_by_role("button", name="Refresh from the server").click()
    expect(page.locator("#ollama-models li")).to_have_count(2)
    page.get_by_label("Model to add").fill("phi3:mini")
    page.locator("#ollama-add-form").get_by_role("button", name="Add").click()
    expect(page.locator("#ollama-models li")).to_have_count(3)
    page.get_by_role("button", name="Remove qwen2.5:7b").click()
    expect(page.locator("#ollama-models li")).to_have_count(2)
    settle(page)
    credential = ProviderCredential.objects.get(provider="ollama")
    assert list(credential.models) == ["llama3.2:3b", "phi3:mini"]


def test_access_changes_the_password_and_manages_tokens(
    page: Page, live_server, staff_user, triplo_file
):
    sign_in(page, live_server.url)
    open_tab(page, live_server.url, "access", "Access")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill("password")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#err-new_password")).to_contain_text("too common")
    page.get_by_label("New password").fill("a-new-long-browser-password")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#notice")).to_contain_text("Password changed")
    settle(page)
    staff_user.refresh_from_db()
    assert staff_user.check_password("a-new-long-browser-password")
    page.get_by_role("button", name="+ New token").click()
    expect(page.locator("#new-token-value")).not_to_be_empty()
    token = page.locator("#new-token-value").inner_text()
    expect(page.locator("#token-list li")).to_have_count(1)
    assert page.locator("#token-list code").inner_text().rstrip("…") == token[:15]
    page.reload()
    expect(page.locator("#token-list li")).to_have_count(1)
    assert token not in page.content()
    page.locator("#token-list").get_by_role("button").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Revoke").click()
    expect(page.locator("#token-list li")).to_have_count(0)


TABS = [("api-models", "API & Models")] + [(c[0], c[1]) for c in CHANGES] + [("access", "Access")]


@pytest.mark.parametrize(("tab", "label"), TABS)
def test_every_tab_passes_axe_and_is_photographed(
    page: Page, live_server, staff_user, triplo_file, tab, label
):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node_modules` (npm install of axe-core)")
    sign_in(page, live_server.url)
    open_tab(page, live_server.url, tab, label)
    screenshot(page, f"tab_{tab}")
    page.evaluate(AXE.read_text())  # evaluated by the browser's debugger, not under the CSP
    results = page.evaluate(
        "async (panel) => (await axe.run(document.getElementById(panel))).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))",
        f"panel-{tab}",
    )
    serious = [v for v in results if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_the_tabs_work_from_the_keyboard(page: Page, live_server, staff_user, triplo_file):
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    page.get_by_role("tab", name="API & Models").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Preferences")).to_be_focused()
    expect(page.locator("#panel-preferences")).to_be_visible()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Access")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowRight")  # wraps to the first
    expect(page.locator("#panel-api-models")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Tab")  # into the Local LLM panel's first control
    page.keyboard.press("Space")
    expect(page.get_by_label("Enable local LLMs")).to_be_checked()
