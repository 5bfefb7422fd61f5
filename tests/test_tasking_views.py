import html
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from iom.codes import AgencyKind, EventKind, Role
from iom.models import Agency
from rag.services import recompute_suggestions
from referrals.models import Referral
from tasking import page as tasking_page
from tasking.agenda import build_agenda
from tasking.exit_reviews import run_exit_reviews
from tasking.models import Action, Attendance, Decision, ExitReview, Meeting
from tasking.rules import week_start
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)
from tests.test_tasking_agenda import QUERIES_PER_OTHER_SECTION, other_sections

DAY = date(2025, 3, 10)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def review(make_member):
    member = make_member(start=date(2024, 9, 2), first_names="Robin", last_name="Review")
    run_exit_reviews(DAY)
    return ExitReview.objects.get(membership=member)


def meeting_url(meeting, name="tasking:meeting", **kwargs):
    return reverse(name, kwargs={"pk": meeting.pk, **kwargs})


def test_home_warns_about_a_week_short_of_daily_tasking(police_client, make_meeting):
    monday = week_start(timezone.localdate())
    for n in range(3):
        make_meeting(monday + timedelta(days=n))
    make_meeting(monday - timedelta(days=7))  # one last week
    make_meeting(monday - timedelta(days=6), kind=Meeting.Kind.PANEL)  # panels do not count
    page = html.unescape(police_client.get(reverse("tasking:home")).content.decode())
    last = monday - timedelta(days=7)
    assert page.count('data-testid="weekly-warning"') == 1
    assert f"The week from Monday {last.day} {last:%B %Y}" in page
    assert "has 1 daily tasking meeting; the scheme's policy is at least 3 a week." in page
    assert "Arrange a meeting" not in page  # only co-ordinators arrange meetings


def test_home_refuses_users_without_a_scheme(client, db):
    client.force_login(get_user_model().objects.create_user("nobody", password="x" * 16))
    assert client.get(reverse("tasking:home")).status_code == 404
    client.logout()
    assert client.get(reverse("tasking:home")).status_code == 302  # to sign in


def test_coordinator_arranges_a_meeting(coordinator_client, coordinator, scheme):
    response = coordinator_client.post(
        reverse("tasking:meeting-create"),
        {"kind": "panel", "date": "2025-03-10", "chair": coordinator.pk},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting_url(meeting)
    assert (meeting.kind, meeting.date, meeting.chair, meeting.scheme) == (
        "panel", DAY, coordinator, scheme,
    )  # fmt: skip


def test_bad_meeting_shows_an_error_summary(coordinator_client):
    response = coordinator_client.post(
        reverse("tasking:meeting-create"), {"kind": "weekly", "date": "31/02/2025"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#id_date"' in page and 'href="#id_kind"' in page
    assert not Meeting.objects.exists()


def test_others_cannot_arrange_or_change_meetings(police_client, make_meeting, agencies):
    assert (
        police_client.post(
            reverse("tasking:meeting-create"), {"kind": "daily", "date": "2025-03-10"}
        ).status_code
        == 403
    )
    meeting = make_meeting(DAY)
    response = police_client.post(
        meeting_url(meeting, "tasking:attendance-add"),
        {"attendance-name": "Guest", "attendance-agency": agencies["police"].pk},
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_meeting_of_another_scheme_is_not_found(client, make_user, other_scheme, make_meeting):
    agency = Agency.objects.create(scheme=other_scheme, name="Far police", kind=AgencyKind.POLICE)
    client.force_login(make_user(other_scheme, agency, Role.COORDINATOR))
    meeting = make_meeting(DAY)
    assert client.get(meeting_url(meeting)).status_code == 404
    assert client.get(meeting_url(meeting, "tasking:agenda-pdf")).status_code == 404


def test_decision_without_quorum_is_refused_with_the_reason(
    coordinator_client, make_meeting, attend, agencies, review
):
    meeting = make_meeting(DAY)
    attend(meeting, agencies["police"], agencies["probation"])
    page = coordinator_client.get(meeting_url(meeting)).content.decode()
    assert "No quorum" in page and "Record a decision" not in page
    response = coordinator_client.post(
        meeting_url(meeting, "tasking:review-decision", review_pk=review.pk),
        {
            f"review-{review.pk}-decision": "exit",
            f"review-{review.pk}-exit_reason": "not-reoffended",
        },
    )
    assert response.status_code == 400
    assert "Quorum not met: 2 agencies present" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "open"


def test_running_a_meeting_through_the_pages(
    coordinator_client, make_meeting, agencies, police, probation, review
):
    meeting = make_meeting(DAY)
    for data in (
        {"attendance-user": police.pk},
        {"attendance-user": probation.pk},
        {"attendance-name": "Harper Housing", "attendance-agency": agencies["housing"].pk},
    ):
        response = coordinator_client.post(meeting_url(meeting, "tasking:attendance-add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
    page = coordinator_client.get(meeting_url(meeting)).content.decode()
    assert "Quorum met: 3 agencies present" in page and "Record a decision" in page

    prefix = f"review-{review.pk}"
    response = coordinator_client.post(
        meeting_url(meeting, "tasking:review-decision", review_pk=review.pk),
        {f"{prefix}-decision": "retain", f"{prefix}-reason": ""},
    )
    assert response.status_code == 400
    assert "Give the reason for retaining the member" in response.content.decode()
    response = coordinator_client.post(
        meeting_url(meeting, "tasking:review-decision", review_pk=review.pk),
        {f"{prefix}-decision": "exit", f"{prefix}-exit_reason": "not-reoffended",
         f"{prefix}-reason": "Stable since release"},
    )  # fmt: skip
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "exited" and review.membership.end == DAY

    response = coordinator_client.post(
        meeting_url(meeting, "tasking:action-add"),
        {"action-description": "Write to the GP", "action-owner": probation.pk,
         "action-due_date": "2025-03-14", "action-nominal": review.membership.nominal_id},
    )  # fmt: skip
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.agency, action.nominal) == (
        probation, agencies["probation"], review.membership.nominal,
    )  # fmt: skip
    page = coordinator_client.get(meeting_url(meeting)).content.decode()
    assert "Decided at this meeting: Exited" in page and "Stable since release" in page
    assert "Write to the GP" in page


def test_lead_decision_from_the_panel_page(
    coordinator_client, make_meeting, quorate, make_member, agencies, police, substance_worker
):
    member = make_member(primary_substance="heroin")
    meeting = quorate(make_meeting(DAY, kind=Meeting.Kind.PANEL))
    page = coordinator_client.get(meeting_url(meeting)).content.decode()
    assert "Suggested lead: Testshire substance" in page
    prefix = f"lead-{member.pk}"
    response = coordinator_client.post(
        meeting_url(meeting, "tasking:lead-decision", membership_pk=member.pk),
        {f"{prefix}-lead_agency": agencies["substance"].pk,
         f"{prefix}-lead_professional": substance_worker.pk,
         f"{prefix}-police_officer": police.pk},
    )  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.lead_agency, member.lead_professional, member.police_officer) == (
        agencies["substance"], substance_worker, police,
    )  # fmt: skip
    assert Decision.objects.get().kind == "set_lead"


def test_overdue_action_comes_back_on_the_next_agenda_until_completed(
    coordinator_client, make_meeting, probation
):
    first = make_meeting(DAY)
    coordinator_client.post(
        meeting_url(first, "tasking:action-add"),
        {"action-description": "Chase the housing referral", "action-owner": probation.pk,
         "action-due_date": "2025-03-11"},
    )  # fmt: skip
    action = Action.objects.get()
    second = make_meeting(date(2025, 3, 12))
    page = coordinator_client.get(meeting_url(second)).content.decode()
    assert f'id="action-{action.pk}"' in page
    coordinator_client.post(
        reverse("tasking:action-complete", kwargs={"action_pk": action.pk}),
        {"meeting": second.pk},
    )
    page = coordinator_client.get(meeting_url(second)).content.decode()
    assert f'id="action-{action.pk}"' not in page


def test_partner_reads_only_their_items(client, partner, make_member, make_meeting, agencies,
                                        add_event):  # fmt: skip
    theirs = make_member(first_names="Visible", last_name="Housed", lead_agency=agencies["housing"])
    hidden = make_member(first_names="Hidden", last_name="Person")
    add_event(theirs.nominal, EventKind.ARREST, DAY, offence="twoc")
    add_event(hidden.nominal, EventKind.ARREST, DAY, offence="twoc")
    client.force_login(partner)
    page = client.get(meeting_url(make_meeting(DAY))).content.decode()
    assert "HOUSED" in page and "PERSON" not in page
    assert "Record someone as present" not in page


@pytest.mark.parametrize("size", [1, 20])
def test_meeting_page_queries_do_not_grow(
    size, coordinator_client, make_member, make_meeting, quorate, django_assert_max_num_queries,
    make_nominal, police, scheme,
):  # fmt: skip
    for n in range(size):
        member = make_member(start=date(2024, 9, 2), last_name=f"Member{n}")
        ExitReview.objects.create(membership=member, due_date=DAY, proposal="exit")
        Referral.objects.create(
            scheme=scheme, nominal=make_nominal("Awaiting", f"Referral{n}"), referral_date=DAY,
            current_offence_details="Burglary", referred_by=police,
            referring_agency=police.staff.agency, previously_on_panel=False,
            decision="tier_2", tier=2, reasons=["ogrs_80_89"], status="awaiting_decision",
        )  # fmt: skip
    recompute_suggestions()  # every member gets a suggestion, none confirmed: a RAG item each
    meeting = quorate(make_meeting(DAY, kind=Meeting.Kind.PANEL))
    limit = 26 + QUERIES_PER_OTHER_SECTION * other_sections(Meeting.Kind.PANEL)
    with django_assert_max_num_queries(limit):
        response = coordinator_client.get(meeting_url(meeting))
    # exit review, lead, referral and RAG forms for each member the page shows
    shown = min(size, tasking_page.SECTION_ROWS)
    assert response.content.decode().count("Record a decision<") >= 4 * shown


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 (a fixed program on a file this test wrote)
        [shutil.which("pdftotext"), "-layout", str(path), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    return [page for page in text.split("\f") if page.strip()]


def test_agenda_pdf_is_marked_on_every_page(
    police_client, make_member, make_meeting, add_event, tmp_path
):
    for n in range(40):
        nominal = make_member(last_name=f"Member{n}").nominal
        add_event(nominal, EventKind.ARREST, DAY, offence="burglary-dwelling", summary="x " * 30)
    meeting = make_meeting(DAY)
    response = police_client.get(meeting_url(meeting, "tasking:agenda-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = pdf_pages(response.content, tmp_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, page  # top and bottom
        assert f"Page {number} of {len(pages)}" in page
    assert "Daily tasking: agenda" in pages[0]


def test_minutes_pdf_carries_the_decisions(
    coordinator_client, make_meeting, quorate, review, coordinator, tmp_path
):
    from tasking.decisions import decide_retain

    meeting = quorate(make_meeting(DAY))
    decide_retain(by=coordinator, meeting=meeting, exit_review=review, reason="Intelligence")
    response = coordinator_client.get(meeting_url(meeting, "tasking:minutes-pdf"))
    assert response.content.startswith(b"%PDF")
    pages = pdf_pages(response.content, tmp_path)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    text = " ".join(" ".join(pages).split())
    assert "Daily tasking: minutes" in text and "REVIEW, Robin" in text
    assert "Retain on the cohort" in text and "2025-09-10" in text and "Intelligence" in text


def test_meeting_page_groups_events_by_nominal_with_links_that_justify_the_access(
    coordinator_client, make_member, make_meeting, add_event
):
    busy = make_member(first_names="Bea", last_name="Busy").nominal
    quiet = make_member(first_names="Quin", last_name="Quiet").nominal
    for n in range(5):
        add_event(busy, EventKind.ARREST if n % 2 else EventKind.BREACH, DAY - timedelta(days=n))
    add_event(quiet, EventKind.INTELLIGENCE, DAY, grade="B2", handling_code="P", summary="Seen")
    meeting = make_meeting(DAY)

    page = html.unescape(coordinator_client.get(meeting_url(meeting)).content.decode())

    link = f'href="/nominals/{busy.pk}/?from_meeting={meeting.pk}#history"'
    assert page.count(link) == 2  # the name, and "All 5 … on the nominal page"
    assert "5: 3 breach, 2 arrest" in page
    assert page.index("BUSY, Bea") < page.index("QUIET, Quin")  # busiest first
    assert page.count('<li id="event-') == 3 + 1  # the newest three of each
    assert "Seen" in page
    # The agenda itself (API, PDF) still lists every event.
    agenda = build_agenda(meeting, meeting.created_by)
    assert len(next(s for s in agenda.sections if s.key == "events").items) == 6


def test_long_sections_show_the_first_rows_and_a_link_to_all(
    coordinator_client, make_member, make_meeting, add_event, monkeypatch
):
    monkeypatch.setattr(tasking_page, "EVENT_NOMINAL_ROWS", 2)
    monkeypatch.setattr(tasking_page, "SECTION_ROWS", 1)
    for n in range(3):
        member = make_member(last_name=f"Member{n}")
        add_event(member.nominal, EventKind.BREACH, DAY)
        Action.objects.create(
            meeting=make_meeting(DAY - timedelta(days=10 + n)), nominal=member.nominal,
            description=f"Visit {n}", owner=member.nominal.created_by,
            due_date=DAY - timedelta(days=1),
            agency=Agency.objects.filter(scheme=member.scheme).first(),
        )  # fmt: skip
    meeting = make_meeting(DAY)

    page = coordinator_client.get(meeting_url(meeting)).content.decode()
    assert page.count('<li id="event-') == 2
    assert 'href="?show=events#section-events">Show all 3 members with events</a> (1 more)' in page
    assert page.count("Mark complete") == 1
    assert 'href="?show=overdue-actions#section-overdue-actions">Show all 3 items' in page

    page = coordinator_client.get(meeting_url(meeting) + "?show=events").content.decode()
    assert page.count('<li id="event-') == 3
    page = coordinator_client.get(meeting_url(meeting) + "?show=overdue-actions").content.decode()
    assert page.count("Mark complete") == 3
