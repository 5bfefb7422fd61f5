"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Each test signs in through the real form, does the job, and checks the page with axe.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and os.environ.get("IOM_REQUIRE_BROWSER") != "1":
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def server_url(live_server):
    return live_server.url


@pytest.fixture
def sign_in(page, server_url):
    """Sign in through the form as `user`; leaves the browser on the page signed in to."""

    def sign_in(user, next_path="/"):
        page.goto(f"{server_url}/sign-in/?next={next_path}")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        assert "/sign-in/" not in page.url, page.content()[:2000]

    return sign_in


@pytest.fixture
def assert_accessible(page):
    """Run axe-core in the current page and fail with its report on any violation."""
    axe = Axe()

    def check():
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
