"""Sessions end on inactivity, after an absolute lifetime, and when an account is deactivated."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from iom.middleware import SessionLifetimeMiddleware


def test_idle_session_expires_in_the_database(client, police, settings):
    client.force_login(police)
    client.get("/")
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 5 < remaining <= settings.SESSION_COOKIE_AGE
    session.expire_date = timezone.now() - timezone.timedelta(seconds=1)
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_session_older_than_absolute_lifetime_is_signed_out(client, police, settings):
    client.force_login(police)
    assert client.get("/").status_code == 200
    session = client.session
    session[SessionLifetimeMiddleware.KEY] -= settings.SESSION_ABSOLUTE_LIFETIME + 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/sign-in/")
    assert client.get("/").status_code == 302  # and stays signed out


def test_deactivated_account_loses_its_sessions(client, police):
    client.force_login(police)
    assert client.get("/").status_code == 200
    police.is_active = False
    police.save()
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/sign-in/")


def test_active_session_keeps_going(client, police):
    client.force_login(police)
    for _ in range(3):
        assert client.get("/").status_code == 200
