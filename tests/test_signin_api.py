"""The API: people in a browser session need the second factor too; machine tokens do not."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from rest_framework.authtoken.models import Token

from iom.signin.testing import make_device

NOMINALS = "/api/v1/nominals/"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.DEMO_MODE = False


def test_session_without_the_code_is_refused(client, police):
    client.force_login(police)
    response = client.get(NOMINALS)
    assert response.status_code == 403
    assert "Two-factor authentication is required" in response.json()["detail"]


def test_verified_session_reaches_the_api(client, police):
    device = make_device(police)
    client.force_login(police)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(NOMINALS).status_code == 200
    assert client.get("/").status_code == 200


def test_an_unconfirmed_device_does_not_verify_a_session(client, police):
    device = make_device(police)
    device.confirmed = False
    device.save()
    client.force_login(police)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(NOMINALS).status_code == 403


def test_administrator_issued_token_is_enough(client, police):
    token = Token.objects.create(user=police)
    response = client.get(NOMINALS, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_a_made_up_token_is_still_refused(client, police):
    client.force_login(police)  # an unverified session does not rescue a bad token
    response = client.get(NOMINALS, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_demo_mode_session_reaches_the_api(client, police, settings):
    settings.DEMO_MODE = True
    client.force_login(police)
    assert client.get(NOMINALS).status_code == 200
