"""The History panel's Changes view names Triplo's own settings, a secret only as changed."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from triplo import configfile
from triplo import triplo_settings_service as triplo_settings
from triplo.export import export

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LICENSE = "TRIPLO-LICENSE-IN-THE-PANEL-0123456789"


def test_the_changes_view_lists_settings(page: Page, live_server, staff_user, config_path):
    configfile.write_atomic(config_path, configfile.serialize(configfile.stock_document()))
    export(force=True)
    triplo_settings.update({"sound": False})  # version 1
    triplo_settings.update({"color_scheme": "dark", "license_key": LICENSE})  # version 2
    sign_in(page, live_server.url)
    page.get_by_role("heading", name="History").click()
    page.get_by_role("button", name="Show the changes in version 2").click()
    expect(page.locator("#history-diff-lines li")).to_have_text(
        ["~ setting color_scheme: 'auto' -> 'dark'", "~ setting license_key changed"]
    )
    assert LICENSE not in page.content()
