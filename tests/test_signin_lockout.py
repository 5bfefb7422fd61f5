"""Password guessing: 5 wrong passwords lock that username from that address for 30 minutes."""

from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from iom.signin.addresses import client_ip
from tests.conftest import PASSWORD


def attempt(client, user, password, address="192.0.2.10"):
    return client.post(
        "/sign-in/", {"username": user.username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, user, times, address="192.0.2.10"):
    return [attempt(client, user, "not-the-password", address).status_code for _ in range(times)]


def test_sixth_attempt_with_the_right_password_is_refused(client, police):
    assert fail(client, police, 4) == [200, 200, 200, 200]  # the form, with its error
    fifth = attempt(client, police, "not-the-password")
    assert fifth.status_code == 429
    sixth = attempt(client, police, PASSWORD)
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "You cannot sign in for 30 minutes" in html
    assert "There were 5 wrong sign-in attempts" in html
    assert 'class="govuk-heading-l"' in html
    assert "_auth_user_id" not in client.session
    assert client.get("/").url.startswith("/sign-in/")


def test_fewer_failures_do_not_lock(client, police):
    fail(client, police, 4)
    response = attempt(client, police, PASSWORD)
    assert response.status_code == 302 and response.url == "/"


def test_a_success_starts_the_count_again(client, police):
    fail(client, police, 4)
    assert attempt(client, police, PASSWORD).status_code == 302
    client.post("/sign-out/")
    fail(client, police, 4)
    assert attempt(client, police, PASSWORD).status_code == 302


def test_lockout_is_per_username_and_address(client, police, probation):
    fail(client, police, 5)
    assert attempt(client, police, PASSWORD).status_code == 429
    assert attempt(client, police, PASSWORD, address="198.51.100.7").status_code == 302
    client.post("/sign-out/")
    assert attempt(client, probation, PASSWORD).status_code == 302


def test_an_administrator_can_lift_the_lockout(client, police):
    fail(client, police, 5)
    call_command("axes_reset_username", police.username)
    assert attempt(client, police, PASSWORD).status_code == 302


def test_lockout_ends_after_the_cool_off(client, police):
    fail(client, police, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(minutes=31))
    assert attempt(client, police, PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # no proxy: the header is the client's own claim
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw; the spoofed entry ignored
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"  # fewer entries than proxies: not from our proxies
