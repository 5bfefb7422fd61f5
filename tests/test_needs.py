"""Needs assessments: the service, the pages, who is due, and the agenda section."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from iom.case_teams import sync_case_team
from iom.models import Membership
from performance.models import NeedsAssessment, NeedScore, NeedsPolicy
from performance.selectors import needs_due
from performance.services import record_needs_assessment
from tasking.agenda import build_agenda
from tasking.models import Meeting
from tests.test_performance_measures_fixtures import assessment, spell

TODAY = timezone.localdate()
SCORES = {"accommodation": 6, "ete": None, "health": 2, "drugs-alcohol": 9, "finance": None,
          "children-families": None, "attitudes": 7}  # fmt: skip


@pytest.fixture
def member(scheme):
    return spell(scheme, start=TODAY - timedelta(days=400))


def test_service_records_every_pathway_blank_or_scored(member, police):
    made = record_needs_assessment(by=police, membership=member, date=TODAY, scores=SCORES)
    stored = dict(NeedScore.objects.filter(assessment=made).values_list("pathway", "score"))
    assert stored == SCORES
    assert made.assessor == police


@pytest.mark.parametrize(
    "day,scores,field",
    [
        (TODAY + timedelta(days=1), SCORES, "date"),
        (TODAY - timedelta(days=401), SCORES, "date"),  # before the spell
        (TODAY, {**SCORES, "health": 11}, "health"),
        (TODAY, {**SCORES, "health": 0}, "health"),
        (TODAY, {**SCORES, "gambling": 3}, "gambling"),
    ],
)
def test_service_refuses_bad_assessments(member, police, day, scores, field):
    with pytest.raises(ValidationError) as caught:
        record_needs_assessment(by=police, membership=member, date=day, scores=scores)
    assert field in caught.value.message_dict
    assert not NeedsAssessment.objects.exists()


def test_service_refuses_a_date_after_the_spell_ended(scheme, police):
    ended = spell(scheme, start=date(2015, 1, 1), end=date(2015, 6, 30))
    with pytest.raises(ValidationError, match="within the spell"):
        record_needs_assessment(by=police, membership=ended, date=date(2015, 7, 1), scores={})


def test_database_refuses_a_score_out_of_range(member, police):
    made = NeedsAssessment.objects.create(membership=member, date=TODAY, assessor=police)
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        NeedScore.objects.create(assessment=made, pathway="health", score=11)


def form_data(day=TODAY, **scores):
    data = {"date_day": day.day, "date_month": day.month, "date_year": day.year, "notes": ""}
    for code in SCORES:
        data["score_" + code.replace("-", "_")] = scores.get(code, "")
    return data


def test_page_records_an_assessment(client, police, member):
    client.force_login(police)
    url = f"/performance/needs/{member.pk}/new/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'for="id_score_drugs_alcohol"' in page.content
    response = client.post(url, form_data(accommodation=6, attitudes="7"))
    assert response.status_code == 302
    assert response["Location"] == f"/performance/needs/{member.pk}/"
    made = NeedsAssessment.objects.get()
    assert dict(made.scores.values_list("pathway", "score"))["attitudes"] == 7


def test_page_shows_error_summary_and_field_errors(client, police, member):
    client.force_login(police)
    url = f"/performance/needs/{member.pk}/new/"
    response = client.post(url, form_data(day=TODAY + timedelta(days=3), health="12", ete="x"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert "Health must be 10 or less" in text
    assert "Education, training &amp; employment must be a whole number from 1 to 10" in text
    assert 'href="#id_score_health"' in text
    assert not NeedsAssessment.objects.exists()
    future = client.post(url, form_data(day=TODAY + timedelta(days=3)))
    assert "cannot be in the future" in future.content.decode()


def test_managers_may_not_record(client, manager, member):
    client.force_login(manager)
    assert client.get(f"/performance/needs/{member.pk}/new/").status_code == 403


def test_a_member_the_user_may_not_see_is_404(client, partner, member, other_scheme):
    client.force_login(partner)
    assert client.get(f"/performance/needs/{member.pk}/").status_code == 404
    assert client.post(f"/performance/needs/{member.pk}/new/", form_data()).status_code == 404


def test_another_schemes_member_is_404(client, police, other_scheme):
    elsewhere = spell(other_scheme, "iom", area=None)
    client.force_login(police)
    assert client.get(f"/performance/needs/{elsewhere.pk}/").status_code == 404


def test_history_has_an_accessible_chart_and_the_table(client, police, member):
    assessment(member, TODAY - timedelta(days=100), [6, None, 2, 9, None, None, 7], police)
    assessment(member, TODAY - timedelta(days=10), [4, None, None, 8, 3, None, 7], police)
    client.force_login(police)
    text = client.get(f"/performance/needs/{member.pk}/").content.decode()
    assert 'role="img"' in text
    assert '<title id="needs-chart-title">' in text and "<desc" in text
    assert text.count("<polyline") == 3  # accommodation, drugs & alcohol, attitudes
    assert "<caption" in text and "Drugs &amp; alcohol" in text
    assert text.count('class="govuk-table__row"') == 3  # header and two assessments


def test_history_without_assessments(client, police, member):
    client.force_login(police)
    text = client.get(f"/performance/needs/{member.pk}/").content.decode()
    assert "No needs assessment has been recorded" in text and "<svg" not in text


@pytest.fixture
def due_cohort(scheme, police):
    never = spell(scheme, start=TODAY - timedelta(days=5))  # due on joining, not yet overdue
    stale = spell(scheme, start=TODAY - timedelta(days=400))
    assessment(stale, TODAY - timedelta(days=200), [1] * 7, police)  # overdue
    fresh = spell(scheme, start=TODAY - timedelta(days=400))
    assessment(fresh, TODAY - timedelta(days=30), [1] * 7, police)  # not due
    spell(scheme, start=TODAY - timedelta(days=400), end=TODAY - timedelta(days=1))  # left
    return never, stale, fresh


def test_needs_due_lists_current_members_without_a_recent_assessment(police, due_cohort):
    never, stale, fresh = due_cohort
    due = list(needs_due(police, TODAY))
    assert [m.pk for m in due] == [stale.pk, never.pk]
    assert [m.overdue for m in due] == [True, False]
    assert due[1].due == never.start and due[1].last_assessed is None


def test_overdue_grace_is_the_schemes_policy(scheme, police, due_cohort):
    NeedsPolicy.objects.create(scheme=scheme, overdue_days=2)
    assert [m.overdue for m in needs_due(police, TODAY)] == [True, True]


def test_due_page_makes_a_fixed_number_of_queries(
    client, police, due_cohort, scheme, django_assert_max_num_queries
):
    client.force_login(police)
    with django_assert_max_num_queries(12):
        response = client.get("/performance/needs/due/")
    for _ in range(5):
        spell(scheme, start=TODAY - timedelta(days=5))
    with django_assert_max_num_queries(12):
        more = client.get("/performance/needs/due/")
    text = more.content.decode()
    assert response.status_code == 200 and "Overdue" in text
    assert "7 members due" in text


def test_agenda_section_lists_needs_due(scheme, coordinator, due_cohort):
    never, stale, _ = due_cohort
    meeting = Meeting.objects.create(scheme=scheme, kind=Meeting.Kind.DAILY, date=TODAY)
    sections = {s.key: s for s in build_agenda(meeting, coordinator).sections}
    section = sections["needs-due"]
    assert section.title == "Needs assessments due"
    assert [(i.nominal.pk, i.title) for i in section.items] == [
        (stale.nominal_id, "Needs assessment overdue"),
        (never.nominal_id, "Needs assessment due"),
    ]


def test_partner_sees_only_their_case_team_members_as_due(partner, due_cohort, agencies):
    never, stale, _ = due_cohort
    assert list(needs_due(partner, TODAY)) == []
    Membership.objects.filter(pk=stale.pk).update(lead_agency=agencies["housing"])
    sync_case_team(stale.nominal)
    assert [m.pk for m in needs_due(partner, TODAY)] == [stale.pk]
