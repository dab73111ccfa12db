"""The browser fixtures (Chromium, a page that fails on CSP errors, a signed-in staff user) for
every browser test in this folder, declared once instead of imported by each file."""

from tests.support.browser import (  # noqa: F401 - fixtures
    browser_fixture,
    page_fixture,
    staff_user_fixture,
)
