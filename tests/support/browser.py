"""Shared pieces of the browser tests: Debian's Chromium through Playwright, sign-in, screenshots.

Never `playwright install`: it downloads a browser. The host resolver rules keep the browser
off the network; only the live server on 127.0.0.1 answers.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "browser-test-password"


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    """One headless Chromium per test module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(name="staff_user")
def staff_user_fixture(django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.com", PASSWORD)


@pytest.fixture(name="page")
def page_fixture(browser: Browser, request) -> Iterator[Page]:
    """A fresh browser context per test at 1280×800; its final state is saved as a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: {message.text[:90]}") if csp_violation(message) else None
        ),
    )
    yield page
    screenshot(page, request.node.name)
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


def csp_violation(message: ConsoleMessage) -> bool:
    """Chromium reports every Content-Security-Policy refusal as a console error."""
    return message.type == "error" and "Content Security Policy" in message.text


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settle(page: Page) -> None:
    """Wait until the page has no request in flight before the test reads the database.

    The test database is SQLite in shared-cache memory, where a reader and a writer on other
    connections fail with "table is locked" instead of waiting.
    """
    page.wait_for_load_state("networkidle")


def sign_in(page: Page, base_url: str, next_path: str = "/") -> None:
    page.goto(f"{base_url}{next_path}")
    page.get_by_label("User name").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}{next_path}")
