"""The matrix page of one nominal and the co-ordinators' candidates list."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iom.codes import Role
from iom.models import Agency, Event, Level
from iom.services.memberships import start_membership
from matrix.models import MatrixSnapshot

TODAY = timezone.localdate()


def events(nominal, *specs):
    Event.objects.bulk_create(
        Event(nominal=nominal, kind=kind, date=day, offence=offence, grade=grade)
        for kind, day, offence, grade in specs
    )


@pytest.fixture
def scored(make_nominal):
    nominal = make_nominal(first_names="Sam", last_name="Sample")
    events(
        nominal,
        ("conviction", TODAY - timedelta(days=100), "burglary-dwelling", ""),  # 8
        ("arrest", TODAY - timedelta(days=10), "robbery", ""),  # 10 + 6
        ("conviction", TODAY - timedelta(days=50), "sexual-offence", ""),  # unmatched
        ("intelligence", TODAY - timedelta(days=3), "", "1A"),  # 5
        ("intelligence", TODAY - timedelta(days=30), "", "C3"),  # 3
    )
    return nominal


def url(nominal, **query):
    base = reverse("matrix-nominal", args=[nominal.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_page_shows_every_row_with_the_total_as_of_today(police_client, scored):
    response = police_client.get(url(scored))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.as_of == TODAY
    assert matrix.total == 8 + 16 + 5 + 3
    html = response.content.decode()
    for heading in ("Burglary", "Vehicle crime", "Theft", "Fraud", "Criminal damage",
                    "Violence", "Anti-social behaviour", "Drugs"):  # fmt: skip
        assert f">{heading}</th>" in html
    assert 'data-offence="drug-possession"' in html  # zero rows shown too
    assert "Sexual offence" in html  # unmatched, listed
    assert f'id="matrix-total">{matrix.total}<' in html
    assert "Not eligible for panel" in html
    assert "Number of arrests in the last 12 months × 6" in html
    assert "Over 3 breaches or recalls" in html and "Over 6 breaches or recalls" in html


def test_an_earlier_as_of_date_leaves_later_events_out(police_client, scored):
    earlier = TODAY - timedelta(days=20)
    response = police_client.get(url(scored, as_of=earlier.isoformat()))
    matrix = response.context["matrix"]
    assert matrix.as_of == earlier
    assert matrix.arrests_12m == 0
    # burglary 8; intelligence received 10 days before the as-of date (3 points, C3)
    assert matrix.total == 8 + 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-date", "Enter the as-of date as a real date, like 2024-03-27"),
        ("2024-02-30", "Enter the as-of date as a real date, like 2024-03-27"),
        ((TODAY + timedelta(days=1)).isoformat(), "The as-of date cannot be in the future"),
        ("", "Enter the date to score the matrix as of"),
    ],
)
def test_a_bad_as_of_date_is_a_field_error(police_client, scored, value, message):
    response = police_client.get(url(scored, as_of=value))
    assert response.status_code == 200
    assert response.context["matrix"] is None
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'<a href="#id_as_of">{message}</a>' in html
    assert 'id="id_as_of-error"' in html


def test_partner_outside_the_case_team_gets_404(client, partner, scored):
    client.force_login(partner)
    assert client.get(url(scored)).status_code == 404


def test_another_schemes_police_get_404(client, make_user, other_scheme, scored):
    agency = Agency.objects.create(scheme=other_scheme, name="Other police", kind="police")
    client.force_login(make_user(other_scheme, agency, Role.POLICE_OFFICER))
    assert client.get(url(scored)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, scored):
    response = client.get(url(scored))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_page_query_count_does_not_grow_with_events(
    police_client, make_nominal, django_assert_max_num_queries
):
    few, many = make_nominal(last_name="Few"), make_nominal(last_name="Many")
    events(few, ("arrest", TODAY, "twoc", ""))
    events(many, *[("arrest", TODAY - timedelta(days=i), "twoc", "") for i in range(60)])
    events(many, *[("intelligence", TODAY - timedelta(days=i), "", "B1") for i in range(60)])
    with CaptureQueriesContext(connection) as few_queries:
        police_client.get(url(few))
    with django_assert_max_num_queries(len(few_queries)):
        response = police_client.get(url(many))
    assert response.context["matrix"].arrests_12m == 60
    assert len(few_queries) <= 12  # session, user, staff, agency, nominal, matrix (3)…


# Candidates -----------------------------------------------------------------------------


def snapshot(nominal, total, as_of=TODAY, decision="professional_discretion"):
    return MatrixSnapshot.objects.create(
        scheme=nominal.scheme,
        nominal=nominal,
        as_of=as_of,
        offences_score=total,
        intelligence_score=0,
        arrests_score=0,
        compliance_score=0,
        total=total,
        decision=decision,
        computed_at=timezone.now(),
    )


@pytest.fixture
def population(scheme, make_nominal, coordinator):
    high = make_nominal(last_name="High")
    snapshot(high, 95, decision="to_panel")
    middle = make_nominal(last_name="Middle")
    snapshot(middle, 82)
    low = make_nominal(last_name="Low")
    snapshot(low, 79, decision="not_eligible")
    dropped = make_nominal(last_name="Dropped")  # 80+ once, lower in the latest snapshot
    snapshot(dropped, 99, as_of=date(2024, 1, 1), decision="to_panel")
    snapshot(dropped, 20, decision="not_eligible")
    member = make_nominal(last_name="Member")  # already on the cohort
    snapshot(member, 120, decision="to_panel")
    start_membership(
        by=coordinator,
        nominal=member,
        scheme=scheme,
        level=Level.objects.get(scheme=scheme, code="iom"),
        start=date(2024, 1, 1),
    )
    return {"high": high, "middle": middle}


def names(response):
    return [s.nominal.last_name for s in response.context["page"].object_list]


def test_candidates_lists_non_members_whose_latest_total_is_80_or_more(
    client, coordinator, population
):
    client.force_login(coordinator)
    response = client.get(reverse("matrix-candidates"))
    assert response.status_code == 200
    assert names(response) == ["High", "Middle"]
    assert "To panel" in response.content.decode()


def test_candidates_sort_by_total_both_ways(client, coordinator, population):
    client.force_login(coordinator)
    assert names(client.get(reverse("matrix-candidates") + "?sort=total")) == ["Middle", "High"]
    assert names(client.get(reverse("matrix-candidates") + "?sort=-total")) == ["High", "Middle"]


@pytest.mark.parametrize("who", ["police", "probation", "partner", "manager"])
def test_candidates_are_refused_to_everyone_but_coordinators(client, request, who, population):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("matrix-candidates")).status_code == 403


def test_candidates_query_count_is_fixed(
    client, coordinator, population, make_nominal, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("matrix-candidates"))
    for i in range(15):
        snapshot(make_nominal(last_name=f"Extra{i}"), 85 + i)
    with django_assert_max_num_queries(len(before)):
        response = client.get(reverse("matrix-candidates"))
    assert len(names(response)) == 17
