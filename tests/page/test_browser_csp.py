"""Issue 12, point 6: every page works under the Content-Security-Policy, with no violation.

The page fixture fails a test on any CSP report in the console (tests/support/browser.py);
here each screen is opened and used once.
"""

import pytest
from playwright.sync_api import Page, expect

from profiles import credential_services, services
from tests.support.browser import settle, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/profiles/llmprofile/",
    "/admin/profiles/llmprofile/add/",
    "/admin/credentials/providercredential/",
    "/admin/history/version/",
    "/admin/auth/user/",
    "/api/docs/",
]


def test_the_page_sends_a_policy_without_inline_script(page: Page, live_server, staff_user):
    response = page.goto(f"{live_server.url}/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_manager_page_works_under_the_policy(page: Page, live_server, staff_user):
    credential_services.set_credential("ollama", url="http://127.0.0.1:9")
    services.create_profile(name="Local", provider="ollama", model="llama3")
    sign_in(page, live_server.url)
    expect(page.locator("body.is-ready")).to_be_attached()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Local")
    page.get_by_text("Advanced", exact=True).click()
    page.get_by_text("History", exact=True).click()
    settle(page)


def test_admin_screens_work_under_the_policy(page: Page, live_server, staff_user):
    profile = services.create_profile(name="Local", provider="ollama", model="llama3")
    sign_in(page, live_server.url)
    for path in [*ADMIN_PAGES, f"/admin/profiles/llmprofile/{profile.pk}/change/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        settle(page)
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("triplo-config API")
    page.goto(live_server.url + "/admin/profiles/llmprofile/")
    expect(page.locator(".triplo-active")).to_have_css("font-size", "14.4px")
