"""Two-factor sign-in outside demo mode, through the real pages (the live server shares the
settings fixture), with axe on each step and no Content-Security-Policy violation."""

import base64
import time

import pytest
from playwright.sync_api import expect

from iom.signin.testing import code_for, code_for_key, make_device, wrong_code_for
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.DEMO_MODE = False


@pytest.fixture
def csp_violations(page):
    """Chromium reports each blocked script, style or image on the console."""
    seen = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            seen.append(message.text)

    page.on("console", on_console)
    return seen


def enter_password(page, server_url, user):
    page.goto(f"{server_url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_first_sign_in_sets_up_an_authenticator(
    page, server_url, police, assert_accessible, csp_violations
):
    enter_password(page, server_url, police)
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert_accessible()
    typed_key = page.locator("#setup-key").inner_text().replace(" ", "")
    key_hex = base64.b32decode(typed_key).hex()
    page.get_by_text("Show the setup link").click()
    expect(page.locator("#otpauth-uri")).to_contain_text(f"secret={typed_key}")

    page.get_by_label("Security code").fill(code_for_key(key_hex))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("heading", name="Home")).to_be_visible()
    expect(page.get_by_text("Two-factor authentication is set up")).to_be_visible()
    assert police.totpdevice_set.get().confirmed
    assert csp_violations == []


def test_sign_in_asks_for_the_code_and_refuses_a_wrong_one(
    page, server_url, probation, assert_accessible, csp_violations
):
    device = make_device(probation)
    enter_password(page, server_url, probation)
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    assert_accessible()
    page.goto(f"{server_url}/nominals/")  # a password alone reaches no page
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()

    page.get_by_label("Security code").fill(wrong_code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="The security code is not correct")).to_be_visible()
    assert_accessible()

    time.sleep(1.2)  # django-otp makes the next try wait a second after a wrong code
    page.get_by_label("Security code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Find a nominal")).to_be_visible()
    assert page.url.endswith("/nominals/")
    assert csp_violations == []


def test_lockout_page_is_accessible(page, server_url, police, assert_accessible):
    page.goto(f"{server_url}/sign-in/")
    for _ in range(5):
        page.get_by_label("Username").fill(police.username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="You cannot sign in for 30 minutes")).to_be_visible()
    assert_accessible()
