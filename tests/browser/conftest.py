"""Playwright harness: Debian's Chromium (never a downloaded one) and pytest-django's live server.

Every test under tests/browser/ is marked `browser` (deselect with `-m "not browser"`). Without
/usr/bin/chromium the tests are skipped, unless the CI variable is set: there they fail.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.totp import totp_code

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path("/tmp/screens")

# Playwright's sync API runs an asyncio loop in this thread; the ORM calls of the test itself
# (factories, assertions) would otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.romanian)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English-speaking browser: the portal must still answer in Romanian until asked otherwise.
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot to /tmp/screens/<name>.png, for a person to look at."""

    def take(name):
        SCREENS.mkdir(parents=True, exist_ok=True)
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def sign_in(page, live_server):
    """Signs in through the real login form; completes the TOTP step when the user has one."""

    def sign_in_as(user, password):
        page.goto(live_server.url + reverse("account_login"))
        page.locator("input[name=login]").fill(user.email)
        page.locator("input[name=password]").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if page.url.startswith(live_server.url + reverse("mfa_authenticate")):
            page.locator("input[name=code]").fill(totp_code(user))
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()

    return sign_in_as
