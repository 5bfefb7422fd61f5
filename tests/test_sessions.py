"""Sessions end on inactivity, after an absolute lifetime, and when an account is deactivated."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_requests_within_a_minute_do_not_write_the_session(client, police):
    client.force_login(police)
    client.get("/")
    before = _expiry(client)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    writes = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
    assert not [sql for sql in writes if "django_session" in sql]
    assert _expiry(client) == before


def test_a_request_after_the_refresh_interval_pushes_the_expiry_on(client, police, settings):
    client.force_login(police)
    client.get("/")
    session = client.session
    session[SessionLifetimeMiddleware.SAVED] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    stale = Session.objects.get(session_key=session.session_key)
    stale.expire_date = timezone.now() + timezone.timedelta(seconds=60)
    stale.save()
    assert client.get("/").status_code == 200
    remaining = (_expiry(client) - timezone.now()).total_seconds()
    assert remaining > settings.SESSION_COOKIE_AGE - 5
