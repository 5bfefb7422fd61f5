from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from iom.codes import EventKind
from iom.models import Nominal
from rag.models import RagStatus
from rag.services import recompute_suggestions
from referrals.models import Referral
from tasking.agenda import _REGISTRY as REGISTRY
from tasking.agenda import (
    AgendaItem,
    Cut,
    build_agenda,
    register_section,
    registered_sections,
    take,
)
from tasking.models import Action, ExitReview, Meeting
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)

DAY = date(2025, 3, 10)
PANEL = Meeting.Kind.PANEL
# previous meeting, the viewer's staff profile (with agency), the members' ids, then one query a
# section: referrals awaiting, accepted automatically, events, releases, RAG, exit reviews,
# actions (panels: five more sections, and the scheme's agencies for the lead suggestion).
MAX_AGENDA_QUERIES = {Meeting.Kind.DAILY: 10, Meeting.Kind.PANEL: 14}
# Sections these tests cover; other apps (e.g. performance's needs) may register more.
COVERED_APPS = {"tasking", "referrals", "rag"}
QUERIES_PER_OTHER_SECTION = 2


def covered(spec) -> bool:
    return spec.build.__module__.split(".")[0] in COVERED_APPS


def other_sections(kind) -> int:
    return sum(1 for spec in registered_sections(kind) if not covered(spec))


def covered_keys(agenda) -> list[str]:
    return [s.key for s in agenda.sections if covered(REGISTRY[s.key])]


def section(agenda, key):
    return next(s for s in agenda.sections if s.key == key)


def keys(agenda, key):
    return [item.key for item in section(agenda, key).items]


def test_events_since_the_previous_meeting_of_that_kind(
    make_member, make_meeting, add_event, make_nominal, police
):
    nominal = make_member().nominal
    make_meeting(date(2025, 3, 6))
    make_meeting(date(2025, 3, 8), kind=PANEL)  # a panel does not reset the daily agenda
    meeting = make_meeting(DAY)
    on_previous = add_event(nominal, EventKind.ARREST, date(2025, 3, 6), offence="twoc")
    day_after = add_event(nominal, EventKind.CHARGE, date(2025, 3, 7), offence="twoc")
    same_day = add_event(nominal, EventKind.WANTED, DAY, wanted_type="warrant")
    add_event(nominal, EventKind.BREACH, DAY + timedelta(days=1))
    add_event(nominal, EventKind.ENGAGEMENT, DAY, service="treatment", status="engaging")
    outsider = make_nominal("Not", "Amember")
    add_event(outsider, EventKind.ARREST, DAY, offence="twoc")
    agenda = build_agenda(meeting, police)
    assert agenda.previous.date == date(2025, 3, 6) and agenda.first_day == date(2025, 3, 7)
    assert keys(agenda, "events") == [f"event-{day_after.pk}", f"event-{same_day.pk}"]
    assert f"event-{on_previous.pk}" not in keys(agenda, "events")


def test_first_meeting_looks_back_seven_days(make_member, make_meeting, add_event, police):
    nominal = make_member().nominal
    meeting = make_meeting(DAY)
    add_event(nominal, EventKind.RECALL, DAY - timedelta(days=8))
    included = add_event(nominal, EventKind.RECALL, DAY - timedelta(days=7))
    agenda = build_agenda(meeting, police)
    assert agenda.previous is None
    assert keys(agenda, "events") == [f"event-{included.pk}"]


@pytest.mark.parametrize(
    ("kind", "days", "section_key"),
    [(Meeting.Kind.DAILY, 7, "releases"), (PANEL, 28, "upcoming-releases")],
)
def test_releases_due(make_member, make_meeting, add_event, police, kind, days, section_key):
    nominal = make_member().nominal
    meeting = make_meeting(DAY, kind=kind)

    def custody(release, **extra):
        return add_event(nominal, EventKind.CUSTODY, date(2025, 1, 1), expected_release=release,
                         **extra)  # fmt: skip

    custody(DAY)  # releases today are not "next"
    last = custody(DAY + timedelta(days=days))
    custody(DAY + timedelta(days=days + 1))
    custody(DAY + timedelta(days=2), end_date=DAY)  # already released
    assert keys(build_agenda(meeting, police), section_key) == [f"release-{last.pk}"]


def test_exit_reviews_due_and_overdue_actions(
    make_member, make_meeting, police, probation, agencies
):
    member = make_member()
    due = ExitReview.objects.create(membership=member, due_date=DAY, proposal="exit")
    ExitReview.objects.create(membership=member, due_date=DAY + timedelta(days=1), proposal="exit")
    ExitReview.objects.create(
        membership=member, due_date=date(2024, 9, 1), proposal="retain", status="retained"
    )
    earlier = make_meeting(date(2025, 3, 3))
    overdue = Action.objects.create(
        meeting=earlier, description="Visit", owner=probation, agency=agencies["probation"],
        due_date=DAY - timedelta(days=1),
    )  # fmt: skip
    for due_date, completed in ((DAY, None), (DAY - timedelta(days=2), timezone.now())):
        Action.objects.create(
            meeting=earlier, description="x", owner=probation, agency=agencies["probation"],
            due_date=due_date, completed_at=completed,
        )  # fmt: skip
    agenda = build_agenda(make_meeting(DAY), police)
    assert keys(agenda, "exit-reviews") == [f"review-{due.pk}"]
    assert section(agenda, "exit-reviews").items[0].decisions == ("exit", "retain")
    assert keys(agenda, "overdue-actions") == [f"action-{overdue.pk}"]
    assert covered_keys(agenda) == [
        "referrals", "accepted-automatically", "events", "releases", "rag", "exit-reviews",
        "overdue-actions",
    ]  # fmt: skip


def test_panel_sections(make_member, make_meeting, add_event, police, agencies, probation):
    statutory = make_member(last_name="Statutory")
    add_event(statutory.nominal, EventKind.SUPERVISION, date(2024, 6, 1), order_type="Licence",
              statutory=True)  # fmt: skip
    addicted = make_member(last_name="Substance", primary_substance="heroin")
    neither = make_member(last_name="Neither")
    managed = make_member(
        last_name="Managed", lead_agency=agencies["probation"], lead_professional=probation,
        police_officer=police,
    )  # fmt: skip
    leaving = ExitReview.objects.create(membership=managed, due_date=DAY, proposal="exit")
    staying = ExitReview.objects.create(membership=neither, due_date=DAY, proposal="retain")
    agenda = build_agenda(make_meeting(DAY, kind=PANEL), police)
    assert covered_keys(agenda) == [
        "referrals", "accepted-automatically", "events", "upcoming-releases", "rag", "critical",
        "removals", "retentions", "overdue-actions", "leads",
    ]  # fmt: skip
    assert keys(agenda, "removals") == [f"review-{leaving.pk}"]
    assert keys(agenda, "retentions") == [f"review-{staying.pk}"]
    leads = {i.obj.pk: i for i in section(agenda, "leads").items}
    assert set(leads) == {statutory.pk, addicted.pk, neither.pk}
    assert leads[statutory.pk].extra["suggested_agency"] == agencies["probation"]
    assert leads[addicted.pk].extra["suggested_agency"] == agencies["substance"]
    assert leads[neither.pk].extra["suggested_agency"] is None
    assert "No lead agency, lead professional, police officer" in leads[neither.pk].detail


def test_partner_agencies_see_only_their_nominals(
    make_member, make_meeting, add_event, partner, agencies
):
    theirs = make_member(last_name="Housed", lead_agency=agencies["housing"])
    other = make_member(last_name="Other")
    mine = add_event(theirs.nominal, EventKind.ARREST, DAY, offence="twoc")
    add_event(other.nominal, EventKind.ARREST, DAY, offence="twoc")
    ExitReview.objects.create(membership=other, due_date=DAY, proposal="exit")
    agenda = build_agenda(make_meeting(DAY), partner)
    assert keys(agenda, "events") == [f"event-{mine.pk}"]
    assert keys(agenda, "exit-reviews") == []


def test_restricted_intelligence_text_is_withheld_from_other_agencies(
    make_member, make_meeting, add_event, police, probation
):
    nominal = make_member().nominal
    add_event(nominal, EventKind.INTELLIGENCE, DAY, grade="1A", handling_code="C",
              summary="Seen at the address")  # fmt: skip
    meeting = make_meeting(DAY)
    assert "Seen at the address" in section(build_agenda(meeting, police), "events").items[0].detail
    detail = section(build_agenda(meeting, probation), "events").items[0].detail
    assert "Seen at the address" not in detail and "withheld" in detail


def test_other_apps_can_register_sections(make_meeting, police):
    @register_section("test-extra", "Extra", order=1, kinds=(PANEL,))
    def extra(ctx):
        return [AgendaItem(key="extra-1", nominal=None, title=f"as of {ctx.as_of}")]

    try:
        assert build_agenda(make_meeting(DAY, kind=PANEL), police).sections[0].key == "test-extra"
        assert "test-extra" not in [s.key for s in build_agenda(make_meeting(DAY), police).sections]
    finally:
        REGISTRY.pop("test-extra")


def seed_referrals_and_rag(size, make_member, make_nominal, police, probation, scheme):
    """Per member: a referral awaiting decision, an automatic registration since the previous
    meeting, and a RAG suggestion (every other one confirmed Red: critical, and different)."""
    for n in range(size):
        Referral.objects.create(
            scheme=scheme, nominal=make_nominal("Awaiting", f"Referral{n}"), referral_date=DAY,
            current_offence_details="Burglary", referred_by=police,
            referring_agency=police.staff.agency, previously_on_panel=False,
            decision="tier_2", tier=2, reasons=["ogrs_80_89"], status="awaiting_decision",
        )  # fmt: skip
        joined = make_member(start=DAY - timedelta(days=1), last_name=f"Automatic{n}")
        Referral.objects.create(
            scheme=scheme, nominal=joined.nominal, referral_date=DAY - timedelta(days=1),
            current_offence_details="Burglary", referred_by=police,
            referring_agency=police.staff.agency, previously_on_panel=False,
            decision="automatic", tier=1, reasons=["ogrs_90_plus"], status="accepted",
            for_information=True, membership=joined,
        )  # fmt: skip
    recompute_suggestions()
    for n, nominal in enumerate(Nominal.objects.filter(last_name__startswith="Member")):
        if n % 2 == 0:
            RagStatus.objects.create(
                nominal=nominal, status="red", confirmed_at=timezone.now(), confirmed_by=probation
            )


def seed_cohort(size, make_member, add_event, agencies, probation, meeting):
    for n in range(size):
        member = make_member(last_name=f"Member{n}", primary_substance="crack" if n % 2 else "")
        nominal = member.nominal
        add_event(nominal, EventKind.ARREST, DAY, offence="twoc")
        add_event(nominal, EventKind.INTELLIGENCE, DAY, grade="B2", handling_code="P")
        add_event(nominal, EventKind.CUSTODY, date(2025, 1, 1), expected_release=DAY + timedelta(3))
        ExitReview.objects.create(
            membership=member, due_date=DAY, proposal="exit" if n % 2 else "retain"
        )
        Action.objects.create(
            meeting=meeting, nominal=nominal, description="x", owner=probation,
            agency=agencies["probation"], due_date=DAY - timedelta(days=3),
        )  # fmt: skip


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize("kind", [Meeting.Kind.DAILY, PANEL])
def test_agenda_queries_do_not_grow_with_the_cohort(
    size, kind, make_member, make_nominal, add_event, agencies, police, probation, scheme,
    make_meeting, django_assert_max_num_queries,
):  # fmt: skip
    earlier = make_meeting(date(2025, 3, 1), kind=kind)
    seed_cohort(size, make_member, add_event, agencies, probation, earlier)
    seed_referrals_and_rag(size, make_member, make_nominal, police, probation, scheme)
    meeting = make_meeting(DAY, kind=kind)
    viewer = get_user_model().objects.get(pk=probation.pk)  # nothing cached
    limit = MAX_AGENDA_QUERIES[kind] + QUERIES_PER_OTHER_SECTION * other_sections(kind)
    with django_assert_max_num_queries(limit):
        agenda = build_agenda(meeting, viewer)
        total = sum(len(s.items) for s in agenda.sections)
        details = [i.detail for s in agenda.sections for i in s.items]  # nothing lazy
    assert total >= 7 * size and all(details)
    assert len(section(agenda, "referrals").items) == size
    assert len(section(agenda, "accepted-automatically").items) == size
    assert len(section(agenda, "rag").items) == 2 * size  # members and new joiners
    if kind == PANEL:
        assert len(section(agenda, "critical").items) == (size + 1) // 2


def test_take_reads_the_rows_shown_and_counts_them_all(make_member, django_assert_num_queries):
    members = [make_member(last_name=f"Take{n}").nominal for n in range(5)]
    rows = Nominal.objects.filter(pk__in=[n.pk for n in members]).order_by("last_name")

    assert take(rows, None, "x-") == (members, 5)
    with django_assert_num_queries(1):  # the total is a window count in the same query
        assert take(rows, Cut(2), "x-") == (members[:2], 5)
    with django_assert_num_queries(1):  # everything fits: nothing more to read for the kept
        assert take(rows, Cut(10, frozenset({f"x-{members[4].pk}"})), "x-") == (members, 5)
    keep = frozenset({f"x-{members[4].pk}", f"y-{members[3].pk}", "x-nonsense"})
    with django_assert_num_queries(2):  # only x- keys count, and only as ids
        assert take(rows, Cut(2, keep), "x-") == ([*members[:2], members[4]], 5)
    with django_assert_num_queries(0):
        assert take(rows.none(), Cut(2), "x-") == ([], 0)
