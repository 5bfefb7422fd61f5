"""Every page and endpoint × every role × in- and out-of-scope nominals: the exact status, and
no out-of-scope name in any list, search or export."""

import pytest
from django.test import Client

from tests.access_fixtures import administrator, partner_off, police_elsewhere, world  # noqa: F401

ROLES = ["police", "probation", "partner_on", "partner_off", "manager"]
# Which of the world's nominals each role may see.
SEES = {
    "police": {"team", "off_team"},
    "probation": {"team", "off_team"},
    "partner_on": {"team"},
    "partner_off": set(),
    "manager": set(),
}
RECORDS = {"police", "probation", "partner_on", "partner_off"}  # roles that may record
BREAKS_GLASS = {"police", "probation"}
TARGETS = ["team", "off_team", "elsewhere"]
SURNAMES = {"team": "Teamsworth", "off_team": "Offteamly", "elsewhere": "Elsewhereton"}
# Searches use first names, since a search page repeats its query back.
FIRST_NAMES = {"team": "Tamsin", "off_team": "Oliver", "elsewhere": "Eric"}


def nominal_pages(pk, ref):
    """(url, status when the user may see the nominal, for a recorder; for a read-only role)"""
    return [
        (f"/nominals/{pk}/", 200, 200),
        (f"/nominals/{pk}/history/", 200, 200),
        (f"/nominals/{pk}/edit/", 200, 403),
        (f"/nominals/{pk}/events/new/", 200, 403),
        (f"/nominals/{pk}/events/new/arrest/", 200, 403),
        (f"/nominals/{pk}/case-team/", 403, 403),
        (f"/matrix/nominals/{pk}/", 200, 200),
        (f"/rag/nominals/{pk}/", 200, 200),
        (f"/referrals/{ref}/", 200, 200),
        (f"/referrals/new/?nominal={pk}", 200, 403),
        (f"/api/v1/nominals/{pk}/", 200, 200),
        (f"/api/v1/nominals/{pk}/events/", 200, 200),
        (f"/api/v1/nominals/{pk}/matrix/", 200, 200),
        (f"/api/v1/nominals/{pk}/rag/", 200, 200),
        (f"/api/v1/referrals/{ref}/", 200, 200),
    ]


def list_pages(role):
    """(url, status) for the pages that list, search or export nominals."""
    recorder = 200 if role in RECORDS else 403
    pages = [
        ("/", 200),
        ("/nominals/", 200),
        ("/nominals/new/", recorder),
        ("/matrix/candidates/", 403),
        ("/rag/board/", 200),
        ("/rag/critical/", 200),
        ("/rag/differences/", 200),
        ("/referrals/", 200),
        ("/api/v1/nominals/", 200),
        ("/api/v1/memberships/", 200),
        ("/api/v1/referrals/", 200),
        ("/audit/", 403),
        ("/audit/access-log.csv", 403),
        ("/audit/break-glass/", 403),
    ]
    for name in FIRST_NAMES.values():
        pages += [
            (f"/nominals/?q={name}", 200),
            (f"/api/v1/nominals/?q={name}", 200),
            (f"/referrals/new/?q={name}", recorder),
        ]
    pages += [("/nominals/?dob=27/3/1990", 200), ("/api/v1/nominals/?dob=1990-03-27", 200)]
    return pages


@pytest.fixture
def users(police, probation, partner, partner_off, manager):  # noqa: F811
    return {
        "police": police,
        "probation": probation,
        "partner_on": partner,
        "partner_off": partner_off,
        "manager": manager,
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_nominal_pages_answer_each_role_exactly(role, users, world):  # noqa: F811
    client = client_for(users[role])
    for target in TARGETS:
        nominal = getattr(world, target)
        sees = target in SEES[role]
        for url, recorder_status, reader_status in nominal_pages(
            nominal.pk, world.referrals[target].pk
        ):
            if url.endswith("/case-team/"):
                expected = 403 if sees else 404
            elif sees:
                expected = recorder_status if role in RECORDS else reader_status
            elif url.startswith("/referrals/new/") and role not in RECORDS:
                expected = 403  # the role is refused before the nominal is looked up
            else:
                expected = 404
            response = client.get(url)
            assert response.status_code == expected, (role, target, url)
            for hidden in set(TARGETS) - SEES[role]:
                assert SURNAMES[hidden].lower() not in response.content.decode().lower(), (
                    role,
                    url,
                    hidden,
                )


@pytest.mark.parametrize("role", ROLES)
def test_break_glass_page_only_for_police_and_probation(role, users, world):  # noqa: F811
    expected = 200 if role in BREAKS_GLASS else 404
    response = client_for(users[role]).get(f"/nominals/{world.elsewhere.pk}/break-glass/")
    assert response.status_code == expected
    assert "Elsewhereton" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_lists_searches_and_exports_never_name_an_unseen_nominal(role, users, world):  # noqa: F811
    client = client_for(users[role])
    hidden = [SURNAMES[t] for t in TARGETS if t not in SEES[role]]
    for url, expected in list_pages(role):
        response = client.get(url)
        assert response.status_code == expected, (role, url)
        text = response.content.decode().lower()
        for surname in hidden:
            assert surname.lower() not in text, (role, url, surname)


@pytest.mark.parametrize("role", ROLES)
def test_searches_do_find_what_the_role_may_see(role, users, world):  # noqa: F811
    """So the test above cannot pass by every search finding nothing."""
    client = client_for(users[role])
    for target in SEES[role]:
        surname, name = SURNAMES[target], FIRST_NAMES[target]
        assert surname.lower() in client.get(f"/nominals/?q={name}").content.decode().lower()
        found = client.get(f"/api/v1/nominals/?q={name}").json()["results"]
        assert [n["last_name"] for n in found] == [surname]
        found = client.get("/api/v1/nominals/?dob=1990-03-27").json()["results"]
        assert surname in [n["last_name"] for n in found]


def test_anonymous_pages_redirect_to_sign_in_and_the_api_answers_401(client, world):  # noqa: F811
    pk, ref = world.team.pk, world.referrals["team"].pk
    urls = [url for url, _, _ in nominal_pages(pk, ref)] + [url for url, _ in list_pages("police")]
    urls.append(f"/nominals/{pk}/break-glass/")
    for url in urls:
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/sign-in/?next="), url
    from audit.models import AccessLogEntry

    assert not AccessLogEntry.objects.exists()


def test_coordinators_and_administrators_see_the_whole_scheme(
    coordinator,
    administrator,  # noqa: F811
    world,  # noqa: F811
):
    for user in (coordinator, administrator):
        client = client_for(user)
        for target in ("team", "off_team"):
            pk = getattr(world, target).pk
            assert client.get(f"/nominals/{pk}/").status_code == 200
            assert client.get(f"/nominals/{pk}/case-team/").status_code == 200
        assert client.get(f"/nominals/{world.elsewhere.pk}/").status_code == 404


def test_audit_pages_are_for_administrators_only(coordinator, administrator, world):  # noqa: F811
    assert client_for(coordinator).get("/audit/").status_code == 403
    admin = client_for(administrator)
    for url in ("/audit/", "/audit/access-log.csv", "/audit/break-glass/"):
        assert admin.get(url).status_code == 200, url
