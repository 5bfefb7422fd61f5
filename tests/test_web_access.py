"""Who may open the nominal pages, tested from the side of the user who must be refused;
and the fixed number of queries each page makes."""

from datetime import date, timedelta

import pytest

from iom.codes import EventKind, Role
from iom.models import Event, Nominal
from iom.services.memberships import start_membership

# Session, user, staff profile and agency, then the page's own fixed queries (a little headroom;
# the tests also check the count does not grow with the rows shown).
SEARCH_QUERY_BOUND = 13
NOMINAL_PAGE_QUERY_BOUND = 15  # + the access log row


@pytest.fixture
def nominal(make_nominal):
    return make_nominal("Jonathan", "Whitaker")


def page_urls(pk):
    return [
        "/",
        "/nominals/",
        "/nominals/?q=whitaker",
        "/nominals/new/",
        f"/nominals/{pk}/",
        f"/nominals/{pk}/edit/",
        f"/nominals/{pk}/events/new/",
        f"/nominals/{pk}/events/new/arrest/",
        f"/nominals/{pk}/events/new/intelligence/",
    ]


def test_anonymous_users_are_sent_to_sign_in_from_every_page(client, nominal):
    for url in page_urls(nominal.pk):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/sign-in/?next="), url
    assert not Event.objects.exists() and Nominal.objects.count() == 1


def case_pages(pk):
    return [
        f"/nominals/{pk}/",
        f"/nominals/{pk}/edit/",
        f"/nominals/{pk}/events/new/",
        f"/nominals/{pk}/events/new/arrest/",
    ]


@pytest.mark.parametrize("who", ["manager", "partner"])
def test_staff_not_on_the_case_team_get_not_found(client, nominal, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in case_pages(nominal.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"kind": "arrest", "last_name": "X"}).status_code == 404, url
    nominal.refresh_from_db()
    assert nominal.last_name == "Whitaker" and not Event.objects.exists()


def test_staff_of_another_scheme_get_not_found(client, nominal, make_user, other_scheme):
    from iom.models import Agency

    police_elsewhere = Agency.objects.create(scheme=other_scheme, name="Elsewhere police")
    client.force_login(make_user(other_scheme, police_elsewhere, Role.POLICE_OFFICER))
    for url in case_pages(nominal.pk):
        assert client.get(url).status_code == 404, url


def test_a_manager_may_not_add_a_nominal(client, manager, scheme):
    client.force_login(manager)
    assert client.get("/nominals/new/").status_code == 403
    assert client.post("/nominals/new/", {"last_name": "New"}).status_code == 403
    assert not Nominal.objects.exists()
    assert "Add a nominal" not in client.get("/nominals/").content.decode()


def test_a_manager_who_can_see_a_nominal_still_may_not_change_it(
    client, manager, police, nominal, scheme, agencies
):
    start_membership(
        by=police,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agencies["probation"],
    )
    client.force_login(manager)
    page = client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert "Whitaker" in page.upper() or "WHITAKER" in page
    assert "Record an event" not in page and "Edit details" not in page
    for url in case_pages(nominal.pk)[1:]:
        assert client.get(url).status_code == 403, url


def test_a_partner_on_the_case_team_may_record(client, partner, police, nominal, scheme, agencies):
    start_membership(
        by=police,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agencies["housing"],
    )
    client.force_login(partner)
    page = client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert "Record an event" in page and "Edit details" in page
    for url in case_pages(nominal.pk):
        assert client.get(url).status_code == 200, url


def test_recorders_see_the_add_and_record_buttons(police_client, nominal):
    assert "Add a nominal" in police_client.get("/nominals/").content.decode()
    page = police_client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert f'href="/nominals/{nominal.pk}/edit/"' in page
    assert f'href="/nominals/{nominal.pk}/events/new/"' in page


def _make_matching(make_nominal, scheme, police, count, start):
    level = scheme.levels.first()
    for i in range(start, start + count):
        nominal = make_nominal("Jonathan", "Whitaker", dob=date(1980, 1, 1) + timedelta(days=i))
        nominal.aliases.create(name=f"Jon W{i}")
        if i % 2:
            start_membership(
                by=police, nominal=nominal, scheme=scheme, level=level, start=date(2024, 1, 1)
            )


def test_search_makes_a_fixed_number_of_queries(
    police_client, make_nominal, scheme, police, django_assert_max_num_queries
):
    _make_matching(make_nominal, scheme, police, 3, 0)
    police_client.get("/nominals/")  # the first request after signing in saves the session
    with django_assert_max_num_queries(SEARCH_QUERY_BOUND) as few:
        response = police_client.get("/nominals/?q=jonathon+whittaker")
    assert response.content.decode().count("WHITAKER, Jonathan") == 3
    _make_matching(make_nominal, scheme, police, 27, 3)
    with django_assert_max_num_queries(SEARCH_QUERY_BOUND) as many:
        response = police_client.get("/nominals/?q=jonathon+whittaker")
    page = response.content.decode()
    assert "Results 1 to 25" in page and 'rel="next"' in page  # no COUNT(*) of every match
    assert page.count("WHITAKER, Jonathan") == 25
    assert len(many) == len(few)
    page = police_client.get("/nominals/?q=jonathon+whittaker&page=2").content.decode()
    assert "Results 26 to 30" in page and 'rel="prev"' in page and 'rel="next"' not in page
    assert page.count("WHITAKER, Jonathan") == 5


def test_the_nominal_page_makes_a_fixed_number_of_queries(
    police_client, nominal, police, make_user, scheme, agencies, django_assert_max_num_queries
):
    url = f"/nominals/{nominal.pk}/"
    Event.objects.create(nominal=nominal, kind=EventKind.BREACH, date=date(2024, 1, 1))
    police_client.get("/nominals/")  # the first request after signing in saves the session
    with django_assert_max_num_queries(NOMINAL_PAGE_QUERY_BOUND) as few:
        police_client.get(url)
    recorders = [make_user(scheme, agencies["probation"], Role.OFFENDER_MANAGER) for _ in range(5)]
    Event.objects.bulk_create(
        Event(
            nominal=nominal,
            kind=EventKind.INTELLIGENCE if i % 2 else EventKind.ARREST,
            date=date(2024, 1, 1) + timedelta(days=i),
            offence="" if i % 2 else "robbery",
            grade="B2" if i % 2 else "",
            handling_code="C" if i % 2 else "",
            summary=f"Report {i}",
            recorded_by=recorders[i % 5],
        )
        for i in range(40)
    )
    with django_assert_max_num_queries(NOMINAL_PAGE_QUERY_BOUND) as many:
        response = police_client.get(url)
    assert response.content.decode().count('class="moj-timeline__item"') == 41
    assert len(many) == len(few)


def test_the_nominal_page_shows_the_newest_50_events_and_pages_back_by_keyset(
    police_client, nominal
):
    # Two events a day, so the keyset must break ties on the id.
    Event.objects.bulk_create(
        Event(
            nominal=nominal, kind=EventKind.BREACH, date=date(2024, 1, 1) + timedelta(days=i // 2)
        )
        for i in range(61)
    )
    newest = list(Event.objects.filter(nominal=nominal).order_by("-date", "-id"))
    page = police_client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert page.count('class="moj-timeline__item"') == 50
    last = newest[49]
    link = f"?before={last.date:%Y-%m-%d},{last.pk}#history"
    assert link in page

    older = police_client.get(f"/nominals/{nominal.pk}/?before={last.date:%Y-%m-%d},{last.pk}")
    page = older.content.decode()
    assert page.count('class="moj-timeline__item"') == 11
    assert "Older events" not in page and "Back to the newest events" in page
    shown = [e for e in newest[50:]]
    assert all(f"{e.date:%-d %B %Y}" in page for e in shown)
    # A bad keyset is ignored: the newest events again.
    assert police_client.get(f"/nominals/{nominal.pk}/?before=x").status_code == 200
