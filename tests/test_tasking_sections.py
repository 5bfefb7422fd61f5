"""The referral and RAG sections of the agenda (referrals/agenda.py, rag/agenda.py), and who
sees them: pages, the API and the printed agenda."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from iom.codes import EventKind
from iom.models import Event, Membership
from rag.models import RagChange, RagStatus
from rag.services import recompute_suggestions
from referrals.models import Referral
from referrals.services import submit_referral
from tasking.agenda import build_agenda
from tasking.models import Meeting
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)
from tests.test_tasking_views import pdf_pages

PANEL = Meeting.Kind.PANEL


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def refer(police, probation, make_nominal, today):
    """Submit a referral through referrals.services: OGRS 95 joins at once (automatic), 85 is
    Tier 2, 50 from the police is not eligible. The nominal has a conviction last month."""

    def refer(first_names="Riley", last_name="Referred", ogrs=85, **nominal_extra):
        nominal = make_nominal(first_names, last_name, **nominal_extra)
        Event.objects.create(
            nominal=nominal, kind=EventKind.CONVICTION, date=today - timedelta(days=30),
            offence="burglary-dwelling",
        )  # fmt: skip
        data = {
            "referral_date": today, "current_offence_details": "Burglary of a dwelling",
            "previously_on_panel": False, "ogrs_2yr": ogrs, "offender_manager": probation,
        }  # fmt: skip
        return submit_referral(by=police, nominal=nominal, data=data)

    return refer


@pytest.fixture
def coloured(make_member, add_event, today):
    """A member whose facts suggest `suggest` (red, amber_alert or green), optionally with a
    confirmed colour."""

    def make(last_name, suggest="red", confirmed=None, by=None, **member_extra):
        member = make_member(start=today - timedelta(days=100), last_name=last_name,
                             **member_extra)  # fmt: skip
        nominal = member.nominal
        if suggest == "red":
            add_event(nominal, EventKind.WANTED, today - timedelta(days=2), wanted_type="warrant")
        elif suggest == "amber_alert":
            add_event(nominal, EventKind.INTELLIGENCE, today - timedelta(days=3), grade="B2",
                      handling_code="P", suggests_offending=True)  # fmt: skip
            add_event(nominal, EventKind.ENGAGEMENT, today - timedelta(days=3),
                      service="supervision", status="not-complying")  # fmt: skip
        recompute_suggestions([nominal.pk])
        if confirmed:
            RagStatus.objects.create(
                nominal=nominal, status=confirmed, confirmed_at=timezone.now(), confirmed_by=by
            )
        return member

    return make


def items(agenda, key):
    return next(s for s in agenda.sections if s.key == key).items


def names(agenda, key):
    return [item.nominal.last_name for item in items(agenda, key)]


def test_referrals_awaiting_decision_with_eligibility_and_links(refer, make_meeting, police, today):
    tier_2 = refer(last_name="Tiertwo", ogrs=85)
    not_eligible = refer(last_name="Noteligible", ogrs=50)
    refer(last_name="Automatic", ogrs=95)  # joined at once: not awaiting
    agenda = build_agenda(make_meeting(today), police)
    found = {item.nominal.last_name: item for item in items(agenda, "referrals")}
    assert set(found) == {"Tiertwo", "Noteligible"}
    item = found["Tiertwo"]
    assert item.key == f"referral-{tier_2.pk}" and item.date == today
    assert item.title == "Referral: Tier 2: professional judgement at daily tasking"
    assert "OGRS3 2-year score from 80 to 89" in item.detail
    assert item.decisions == ("accept_referral", "reject_referral")
    assert item.extra["links"] == [
        (f"Referral {tier_2.pk}", reverse("referral-detail", args=[tier_2.pk])),
        ("IOM matrix", reverse("matrix-nominal", args=[tier_2.nominal_id])),
    ]
    assert item.extra["data"]["eligibility"] == "tier_2" and item.extra["data"]["tier"] == 2
    other = found["Noteligible"]
    assert other.decisions == ("reject_referral",)  # not eligible: may only be rejected
    assert [label for label, _ in other.extra["links"]] == [f"Referral {not_eligible.pk}"]


def test_a_referral_made_after_the_meeting_date_is_not_on_its_agenda(
    refer, make_meeting, police, today
):
    refer(last_name="Later")
    assert items(build_agenda(make_meeting(today - timedelta(days=1)), police), "referrals") == []
    assert names(build_agenda(make_meeting(today), police), "referrals") == ["Later"]


def test_accepted_automatically_since_the_previous_meeting(refer, make_meeting, police, today):
    previous = today - timedelta(days=3)
    make_meeting(previous)
    make_meeting(today - timedelta(days=1), kind=PANEL)  # a panel does not reset the window
    joined = {}
    for last_name, start in (
        ("Onprevious", previous),
        ("Dayafter", previous + timedelta(days=1)),
        ("Sameday", today),
        ("Tomorrow", today + timedelta(days=1)),
    ):
        referral = refer(last_name=last_name, ogrs=95)
        Membership.objects.filter(pk=referral.membership_id).update(start=start)
        joined[last_name] = referral
    agenda = build_agenda(make_meeting(today), police)
    assert names(agenda, "accepted-automatically") == ["Dayafter", "Sameday"]
    item = items(agenda, "accepted-automatically")[0]
    assert item.title == "Joined at PPO: automatic registration" and item.decisions == ()
    assert item.date == previous + timedelta(days=1)
    assert "OGRS3 2-year score of 90 or more" in item.detail


def test_first_meeting_reports_automatic_registrations_of_the_last_seven_days(
    refer, make_meeting, police, today
):
    for last_name, days in (("Eightago", 8), ("Sevenago", 7)):
        referral = refer(last_name=last_name, ogrs=95)
        Membership.objects.filter(pk=referral.membership_id).update(
            start=today - timedelta(days=days)
        )
    assert names(build_agenda(make_meeting(today), police), "accepted-automatically") == [
        "Sevenago"
    ]


def test_rag_suggestions_that_differ_from_confirmed(
    coloured, make_meeting, coordinator, police, today, make_nominal
):
    coloured("Agrees", "red", confirmed="red", by=coordinator)
    differs = coloured("Differs", "red", confirmed="green", by=coordinator)
    coloured("Unconfirmed", "amber_alert")
    left = coloured("Left", "red")
    Membership.objects.filter(pk=left.pk).update(
        end=today - timedelta(days=1), exit_reason="moved-area"
    )
    outsider = make_nominal("Not", "Amember")
    recompute_suggestions([outsider.pk])
    agenda = build_agenda(make_meeting(today), police)
    assert names(agenda, "rag") == ["Differs", "Unconfirmed"]
    item = items(agenda, "rag")[0]
    assert item.key == f"rag-{differs.nominal_id}" and item.decisions == ("confirm_rag",)
    assert item.title == "RAG: suggested Red, confirmed Green"
    assert item.extra["data"] == {
        "suggested": "red", "reasons": ["wanted_warrant"], "reason_texts": ["Wanted on warrant"],
        "confirmed": "green", "version": 1,
    }  # fmt: skip
    assert "Suggested Red (Wanted on warrant). Confirmed Green by" in item.detail
    assert items(agenda, "rag")[1].title == "RAG: suggested Amber alert, not confirmed"
    assert "critical" not in [s.key for s in agenda.sections]  # panels only


def test_rag_item_confirmed_at_this_meeting_stays_for_the_minutes(
    coloured, make_meeting, coordinator, police, today
):
    member = coloured("Confirmed", "red", confirmed="red", by=coordinator)
    meeting = make_meeting(today)
    RagChange.objects.create(
        nominal=member.nominal, to_status="red", suggested="red", changed_by=coordinator,
        changed_at=timezone.now(), version=1, meeting_id=meeting.pk,
    )  # fmt: skip
    item = items(build_agenda(meeting, police), "rag")[0]
    assert item.extra["decided"] == "Confirmed Red" and item.decisions == ()
    assert items(build_agenda(make_meeting(today, kind=PANEL), police), "rag") == []


def test_panel_critical_cases(coloured, make_meeting, coordinator, police, today):
    coloured("Suggestedred", "red")
    coloured("Confirmedalert", "green", confirmed="amber_alert", by=coordinator)
    coloured("Calm", "green", confirmed="green", by=coordinator)
    agenda = build_agenda(make_meeting(today, kind=PANEL), police)
    assert names(agenda, "critical") == ["Confirmedalert", "Suggestedred"]
    alert, red = items(agenda, "critical")
    assert alert.title == "Critical: Amber alert (confirmed), response: proactive outreach / " \
        "targeting"  # fmt: skip
    assert red.title == "Critical: Red (suggested), response: enforcement activity"
    assert red.decisions == ()  # confirmed from the differences section


HIDDEN = ("Quillfeather", "Marrowby", "Thistlecombe")


@pytest.fixture
def mixed_agenda(refer, coloured, coordinator, agencies, make_meeting, today, quorate):
    """A panel whose agenda has one nominal on the housing team and three off it."""
    refer(first_names="Awaiting", last_name="Quillfeather", ogrs=85)
    automatic = refer(first_names="Automatic", last_name="Marrowby", ogrs=95)
    Membership.objects.filter(pk=automatic.membership_id).update(start=today)
    coloured("Thistlecombe", "red", confirmed="green", by=coordinator)
    coloured("Housedvisible", "red", lead_agency=agencies["housing"])
    return quorate(make_meeting(today, kind=PANEL))


def test_partner_off_the_case_team_sees_none_of_those_items(
    client, partner, police, mixed_agenda, tmp_path
):
    def views(user):
        client.force_login(user)
        page = html.unescape(client.get(f"/tasking/meetings/{mixed_agenda.pk}/").content.decode())
        api = APIClient()
        api.force_authenticate(user)
        agenda = api.get(f"/api/v1/meetings/{mixed_agenda.pk}/agenda/").content.decode()
        pdf = client.get(f"/tasking/meetings/{mixed_agenda.pk}/agenda.pdf").content
        return page.lower(), agenda.lower(), " ".join(pdf_pages(pdf, tmp_path)).lower()

    for text in views(police):  # the test can fail: police see every one of them
        assert all(name.lower() in text for name in (*HIDDEN, "Housedvisible"))
    for text in views(partner):
        assert "housedvisible" in text
        assert not [name for name in HIDDEN if name.lower() in text]


def test_api_agenda_carries_the_new_sections(police, mixed_agenda):
    api = APIClient()
    api.force_authenticate(police)
    body = api.get(f"/api/v1/meetings/{mixed_agenda.pk}/agenda/").json()
    sections = {s["key"]: s for s in body["sections"]}
    assert list(sections)[:2] == ["referrals", "accepted-automatically"]
    referral = Referral.objects.get(nominal__last_name="Quillfeather")
    item = sections["referrals"]["items"][0]
    assert item["object"] == "referral" and item["object_id"] == referral.pk
    assert item["decisions"] == ["accept_referral", "reject_referral"]
    assert item["data"]["eligibility"] == "tier_2" and item["data"]["reasons"] == ["ogrs_80_89"]
    assert {"label": "IOM matrix", "url": f"/matrix/nominals/{referral.nominal_id}/"} in item[
        "links"
    ]
    assert [i["nominal"]["name"] for i in sections["accepted-automatically"]["items"]] == [
        "Automatic Marrowby"
    ]
    rag = {i["nominal"]["name"]: i for i in sections["rag"]["items"]}
    assert rag["Alex Thistlecombe"]["data"]["version"] == 1
    assert rag["Alex Thistlecombe"]["decisions"] == ["confirm_rag"]
    assert {i["nominal"]["name"] for i in sections["critical"]["items"]} == {
        "Alex Thistlecombe", "Alex Housedvisible",
    }  # fmt: skip


def test_printed_agenda_lists_the_new_sections(police_client, mixed_agenda, tmp_path):
    response = police_client.get(f"/tasking/meetings/{mixed_agenda.pk}/agenda.pdf")
    text = " ".join(" ".join(pdf_pages(response.content, tmp_path)).split())
    for heading in (
        "1. Referrals awaiting decision",
        "2. Accepted automatically (for information)",
        "RAG suggestions that differ from confirmed",
        "Critical cases (Red and Amber alert)",
    ):
        assert heading in text
    assert "QUILLFEATHER, Awaiting" in text and "MARROWBY, Automatic" in text
    assert "THISTLECOMBE, Alex" in text and "Wanted on warrant" in text
