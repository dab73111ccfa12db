"""The Access tab's remote-desktop (noVNC) switch in a real browser: hidden where there is no
platform-settings.json beside config.json; where there is, flipping it writes the file, says
when it applies, survives a reload and passes axe-core."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.page.test_browser_tabs import AXE, open_tab
from tests.support.browser import screenshot, settle, sign_in
from triplo import configfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_switch_is_hidden_without_the_file_and_saves_with_it(
    page: Page, live_server, staff_user, config_path: Path
):
    configfile.write_atomic(config_path, configfile.serialize(configfile.stock_document()))
    sign_in(page, live_server.url)
    open_tab(page, live_server.url, "access", "Access")
    expect(page.get_by_role("heading", name="Your password")).to_be_visible()
    expect(page.locator("#remote-desktop")).to_be_hidden()

    platform = config_path.parent / "platform-settings.json"
    platform.write_text('{"novnc_enabled": false}\n')  # as the image's entrypoint writes it
    page.reload()
    switch = page.get_by_role("switch", name="Remote desktop (noVNC)")
    expect(switch).to_be_visible()
    expect(switch).not_to_be_checked()
    switch.check()
    expect(page.locator("#notice")).to_contain_text("at the next container start")
    settle(page)
    assert json.loads(platform.read_text()) == {"novnc_enabled": True}
    page.reload()
    expect(page.get_by_role("switch", name="Remote desktop (noVNC)")).to_be_checked()
    screenshot(page, "tab_access_remote_desktop")
    page.evaluate(AXE.read_text())
    impacts = page.evaluate(
        "async () => (await axe.run(document.getElementById('remote-desktop'))).violations"
        ".map(v => v.impact)"
    )
    assert not {"serious", "critical"} & set(impacts)
