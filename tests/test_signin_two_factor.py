"""Outside demo mode a password alone reaches nothing: the authenticator code comes next."""

import base64
import re
from urllib.parse import quote

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from iom.signin.testing import code_for, code_for_key, make_device, wrong_code_for
from iom.signin.views import SETUP_KEY_SESSION, WRONG_CODE
from tests.conftest import PASSWORD

CODE_STEP = "/sign-in/code/"
SET_UP_STEP = "/sign-in/set-up/"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.DEMO_MODE = False


@pytest.fixture
def device(police):
    return make_device(police)


def sign_in_with_password(client, user, next_path=None):
    url = "/sign-in/" + (f"?next={quote(next_path)}" if next_path else "")
    return client.post(url, {"username": user.username, "password": PASSWORD})


def test_password_alone_does_not_reach_home(client, police, device):
    response = sign_in_with_password(client, police)
    assert response.status_code == 302
    assert response.url == f"{CODE_STEP}?next=%2F"
    for path in ("/", "/nominals/", f"/nominals/{police.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == f"{CODE_STEP}?next={quote(path, safe='')}"


def test_right_code_reaches_home(client, police, device):
    sign_in_with_password(client, police)
    response = client.post(CODE_STEP, {"code": code_for(device), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    response = client.get("/")
    assert response.status_code == 200
    assert b"Testshire IOM" in response.content


def test_wrong_code_is_refused_with_an_error(client, police, device):
    sign_in_with_password(client, police)
    response = client.post(CODE_STEP, {"code": wrong_code_for(device), "next": "/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'<a href="#id_code">{WRONG_CODE}</a>' in html
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in html
    assert client.get("/").url.startswith(CODE_STEP)


def test_after_a_wrong_code_even_the_right_one_waits(client, police, device):
    sign_in_with_password(client, police)
    client.post(CODE_STEP, {"code": wrong_code_for(device)})
    response = client.post(CODE_STEP, {"code": code_for(device)})
    assert response.status_code == 200
    assert re.search(r"Too many wrong security codes\. Wait \d+ seconds", response.content.decode())
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Enter the security code"),
        ("12345", "Security code must be 6 digits, like 123456"),
        ("12ab56", "Security code must be 6 digits, like 123456"),
        ("1234567", "Security code must be 6 digits, like 123456"),
    ],
)
def test_badly_typed_codes_are_explained(client, police, device, typed, error):
    sign_in_with_password(client, police)
    response = client.post(CODE_STEP, {"code": typed})
    assert response.status_code == 200
    assert error in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # not a guess at the code


def test_spaces_in_the_code_are_forgiven(client, police, device):
    sign_in_with_password(client, police)
    code = code_for(device)
    response = client.post(CODE_STEP, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302 and response.url == "/"


def test_a_code_cannot_be_used_twice(client, police, device):
    sign_in_with_password(client, police)
    code = code_for(device)
    assert client.post(CODE_STEP, {"code": code}).status_code == 302
    client.post("/sign-out/")
    sign_in_with_password(client, police)
    response = client.post(CODE_STEP, {"code": code})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()


def test_the_page_asked_for_is_reached_after_the_code(client, police, device):
    response = sign_in_with_password(client, police, next_path="/nominals/?q=smith")
    assert response.url == f"{CODE_STEP}?next=%2Fnominals%2F%3Fq%3Dsmith"
    page = client.get(response.url)
    assert b'name="next" value="/nominals/?q=smith"' in page.content
    response = client.post(CODE_STEP, {"code": code_for(device), "next": "/nominals/?q=smith"})
    assert response.url == "/nominals/?q=smith"


def test_next_cannot_send_the_user_to_another_site(client, police, device):
    sign_in_with_password(client, police)
    response = client.post(CODE_STEP, {"code": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"


def test_anonymous_visitors_start_at_the_password(client, db):
    for step in (CODE_STEP, SET_UP_STEP):
        response = client.get(step)
        assert response.status_code == 302
        assert response.url.startswith("/sign-in/?next=")


def test_sessions_without_the_code_reach_no_page_nor_the_admin(client, police, device):
    police.is_staff = police.is_superuser = True
    police.save()
    client.force_login(police)
    for path in ("/", "/admin/", "/admin/auth/user/", "/referrals/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(CODE_STEP), path


def test_signing_out_works_before_the_code(client, police, device):
    sign_in_with_password(client, police)
    response = client.post("/sign-out/")
    assert response.status_code == 302 and response.url == "/sign-in/"
    assert client.get(CODE_STEP).url.startswith("/sign-in/?next=")


def test_user_without_an_authenticator_sets_one_up(client, police):
    response = sign_in_with_password(client, police)
    response = client.get(response.url)
    assert response.status_code == 302 and response.url == f"{SET_UP_STEP}?next=%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    key = client.session[SETUP_KEY_SESSION]
    secret = base64.b32encode(bytes.fromhex(key)).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    assert (
        f"otpauth://totp/IOM%20case%20management%3Apolice?secret={secret}"
        "&amp;algorithm=SHA1&amp;digits=6&amp;period=30&amp;issuer=IOM%20case%20management"
    ) in html
    assert '<img src="data:image/svg+xml;base64,' in html
    assert not TOTPDevice.objects.filter(user=police).exists()  # nothing saved by looking

    response = client.post(SET_UP_STEP, {"code": code_for_key(key), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    device = TOTPDevice.objects.get(user=police)
    assert device.confirmed and device.key == key
    home = client.get("/")
    assert home.status_code == 200
    assert b"Two-factor authentication is set up" in home.content
    assert SETUP_KEY_SESSION not in client.session


def test_set_up_keeps_its_key_until_confirmed(client, police):
    sign_in_with_password(client, police)
    client.get(SET_UP_STEP)
    key = client.session[SETUP_KEY_SESSION]
    client.get(SET_UP_STEP)
    assert client.session[SETUP_KEY_SESSION] == key  # the app already scanned stays valid


def test_set_up_with_a_wrong_code_saves_nothing(client, police):
    sign_in_with_password(client, police)
    client.get(SET_UP_STEP)
    key = client.session[SETUP_KEY_SESSION]
    accepted = {code_for_key(key, offset) for offset in (-1, 0, 1)}
    wrong = next(c for c in ("111111", "222222", "333333", "444444") if c not in accepted)
    response = client.post(SET_UP_STEP, {"code": wrong})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert WRONG_CODE in response.content.decode()
    assert not TOTPDevice.objects.filter(user=police).exists()
    assert client.get("/").status_code == 302


def test_a_password_alone_cannot_replace_an_authenticator(client, police, device):
    sign_in_with_password(client, police)
    response = client.get(SET_UP_STEP)
    assert response.status_code == 302 and response.url.startswith(CODE_STEP)
    client.post(SET_UP_STEP, {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=police)) == [device]


def test_demo_mode_signs_in_with_the_password_alone(client, police, settings):
    settings.DEMO_MODE = True
    response = sign_in_with_password(client, police)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


def test_the_session_key_changes_once_the_code_is_accepted(client, police, device):
    sign_in_with_password(client, police)
    before = client.session.session_key
    client.post(CODE_STEP, {"code": code_for(device)})
    assert client.session.session_key != before  # a key seen before the code is worth nothing
    assert client.get("/").status_code == 200
