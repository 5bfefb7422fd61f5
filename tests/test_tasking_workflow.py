"""Deciding referrals and confirming RAG colours at a meeting (tasking/workflow.py): the
Decision row, the owning workflow, quorum, and the page and API that drive them."""

import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from iom.models import Membership
from rag.models import RagChange, RagStatus
from rag.services import RagConflict, confirm_status
from referrals.models import Notification, Status
from tasking import workflow
from tasking.decisions import QuorumNotMet
from tasking.models import Decision
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)
from tests.test_tasking_sections import coloured, refer, today  # noqa: F401 (fixtures)
from tests.test_tasking_views import pdf_pages


@pytest.fixture
def meeting(make_meeting, quorate, today):  # noqa: F811 (the fixture above)
    return quorate(make_meeting(today))


@pytest.fixture
def short_meeting(make_meeting, attend, agencies, today):  # noqa: F811
    """Two agencies present: no quorum."""
    meeting = make_meeting(today)
    attend(meeting, agencies["police"], agencies["probation"])
    return meeting


@pytest.fixture
def tier_2(refer):  # noqa: F811
    return refer(first_names="Riley", last_name="Tiertwo", ogrs=85)


@pytest.fixture
def red(coloured, coordinator):  # noqa: F811
    """A member suggested Red (wanted) and confirmed Green earlier: version 1."""
    return coloured("Wanted", "red", confirmed="green", by=coordinator).nominal


def level(scheme, code="iom"):
    return scheme.levels.get(code=code)


def test_accepting_a_referral_creates_the_membership_and_tells_people(
    meeting, tier_2, coordinator, police, probation, scheme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = workflow.decide_referral(
            by=coordinator, meeting=meeting, referral=tier_2, action="accept",
            level=level(scheme), reason="Matrix score 92; agreed by all agencies",
        )  # fmt: skip
    tier_2.refresh_from_db()
    membership = Membership.objects.get(nominal=tier_2.nominal)
    assert tier_2.status == Status.ACCEPTED and tier_2.membership == membership
    assert membership.level.code == "iom" and membership.end is None
    assert (decision.kind, decision.meeting, decision.decided_by) == (
        "accept_referral", meeting, coordinator,
    )  # fmt: skip
    assert decision.nominal == tier_2.nominal and decision.membership == membership
    assert decision.reason == "Matrix score 92; agreed by all agencies"
    assert decision.details == {
        "referral": tier_2.pk, "eligibility": "tier_2", "tier": 2, "status": "accepted",
        "level": "iom", "level_name": "IOM",
    }  # fmt: skip
    notified = Notification.objects.filter(text__contains=f"Referral {tier_2.pk}")
    assert {n.user for n in notified} == {police, probation}  # not the co-ordinator who decided
    assert sorted(m.to[0] for m in mail.outbox) == sorted([police.email, probation.email])
    assert all("accepted" in m.subject for m in mail.outbox)


def test_rejecting_a_referral_needs_a_reason(meeting, tier_2, coordinator):
    with pytest.raises(ValidationError) as refused:
        workflow.decide_referral(by=coordinator, meeting=meeting, referral=tier_2, action="reject")
    assert refused.value.message_dict == {"reason": ["Give the reason to reject the referral"]}
    decision = workflow.decide_referral(
        by=coordinator, meeting=meeting, referral=tier_2, action="reject",
        reason="Needs met by the offender manager",
    )  # fmt: skip
    tier_2.refresh_from_db()
    assert tier_2.status == Status.REJECTED and tier_2.membership is None
    assert decision.kind == "reject_referral" and decision.details["status"] == "rejected"
    assert not Membership.objects.filter(nominal=tier_2.nominal).exists()
    with pytest.raises(ValidationError) as again:
        workflow.decide_referral(
            by=coordinator, meeting=meeting, referral=tier_2, action="accept", level=None
        )
    assert again.value.message_dict == {"level": ["Choose the level to manage the new member at"]}
    with pytest.raises(ValidationError) as decided:
        workflow.decide_referral(
            by=coordinator, meeting=meeting, referral=tier_2, action="reject", reason="Twice"
        )
    assert decided.value.message_dict == {"referral": ["This referral is already rejected"]}
    assert Decision.objects.count() == 1


def test_not_eligible_referral_cannot_be_accepted(meeting, refer, coordinator, scheme):  # noqa: F811
    referral = refer(last_name="Noteligible", ogrs=50)
    with pytest.raises(ValidationError) as refused:
        workflow.decide_referral(
            by=coordinator, meeting=meeting, referral=referral, action="accept",
            level=level(scheme),
        )  # fmt: skip
    assert "cannot be accepted" in refused.value.message_dict["referral"][0]
    assert not Decision.objects.exists()


def test_confirming_rag_records_the_meeting_in_the_rag_history(meeting, red, coordinator):
    with pytest.raises(ValidationError) as refused:
        workflow.confirm_rag(
            by=coordinator, meeting=meeting, nominal=red, status="amber", expected_version=1
        )
    assert refused.value.message_dict["reason"] == [
        "Give a reason for confirming Amber when the facts suggest Red"
    ]
    decision = workflow.confirm_rag(
        by=coordinator, meeting=meeting, nominal=red, status="amber",
        reason="Warrant executed this morning", expected_version=1,
    )  # fmt: skip
    change = RagChange.objects.get(nominal=red)
    assert (change.from_status, change.to_status, change.suggested) == ("green", "amber", "red")
    assert change.meeting_id == meeting.pk and change.changed_by == coordinator
    assert RagStatus.objects.get(nominal=red).version == 2
    assert (decision.kind, decision.nominal, decision.reason) == (
        "confirm_rag", red, "Warrant executed this morning",
    )  # fmt: skip
    assert decision.details == {
        "status": "amber", "status_label": "Amber", "suggested": "red", "suggested_label": "Red",
        "from_status": "green", "from_label": "Green", "version": 2,
    }  # fmt: skip


def test_confirming_over_a_newer_confirmation_is_refused(meeting, red, coordinator):
    confirm_status(by=coordinator, nominal=red, status="red", expected_version=1)
    with pytest.raises(RagConflict):
        workflow.confirm_rag(
            by=coordinator, meeting=meeting, nominal=red, status="red", expected_version=1
        )
    assert not Decision.objects.exists()
    assert not RagChange.objects.filter(meeting_id=meeting.pk).exists()


def test_every_new_kind_is_refused_without_quorum(short_meeting, tier_2, red, coordinator, scheme):
    attempts = [
        lambda: workflow.decide_referral(by=coordinator, meeting=short_meeting, referral=tier_2,
                                         action="accept", level=level(scheme)),
        lambda: workflow.decide_referral(by=coordinator, meeting=short_meeting, referral=tier_2,
                                         action="reject", reason="No"),
        lambda: workflow.confirm_rag(by=coordinator, meeting=short_meeting, nominal=red,
                                     status="red", expected_version=1),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(QuorumNotMet) as refused:
            attempt()
        assert refused.value.message.startswith("Quorum not met: 2 agencies present")
    tier_2.refresh_from_db()
    assert tier_2.status == Status.AWAITING_DECISION and tier_2.membership is None
    assert not Decision.objects.exists() and not RagChange.objects.filter(to_status="red")
    assert RagStatus.objects.get(nominal=red).status == "green"


# The meeting page ---------------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def page_of(response):
    return html.unescape(response.content.decode())


def referral_url(meeting, referral):
    return reverse("tasking:referral-decision", args=[meeting.pk, referral.pk])


def rag_url(meeting, nominal):
    return reverse("tasking:rag-decision", args=[meeting.pk, nominal.pk])


def test_meeting_page_offers_a_form_next_to_each_item(coordinator_client, meeting, tier_2, red):
    page = page_of(coordinator_client.get(reverse("tasking:meeting", args=[meeting.pk])))
    assert f'action="{referral_url(meeting, tier_2)}"' in page
    assert f'action="{rag_url(meeting, red)}"' in page
    assert f'name="rag-{red.pk}-expected_version" value="1"' in page
    assert f'href="/matrix/nominals/{tier_2.nominal_id}/"' in page
    assert "Accept onto the cohort" in page and "Confirm RAG status" in page


def test_accepting_a_referral_from_the_page(
    coordinator_client, meeting, tier_2, scheme, django_capture_on_commit_callbacks
):
    key = f"referral-{tier_2.pk}"
    missing = coordinator_client.post(referral_url(meeting, tier_2), {f"{key}-decision": "accept"})
    page = page_of(missing)
    assert missing.status_code == 400 and "There is a problem" in page
    assert f'href="#id_{key}-level"' in page and "Choose the level to manage" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            referral_url(meeting, tier_2),
            {f"{key}-decision": "accept", f"{key}-level": level(scheme, "ppo").pk},
        )
    assert response.status_code == 302 and response.url.endswith(f"#{key}")
    tier_2.refresh_from_db()
    assert tier_2.status == "accepted" and tier_2.membership.level.code == "ppo"
    assert len(mail.outbox) == 2
    page = page_of(coordinator_client.get(reverse("tasking:meeting", args=[meeting.pk])))
    assert "Decided at this meeting: Accepted" in page
    assert f"Accept referral {tier_2.pk} (Tier 2); at PPO" in page


def test_rejecting_a_referral_from_the_page(coordinator_client, meeting, tier_2):
    key = f"referral-{tier_2.pk}"
    missing = coordinator_client.post(referral_url(meeting, tier_2), {f"{key}-decision": "reject"})
    assert missing.status_code == 400 and f'href="#id_{key}-reason"' in page_of(missing)
    coordinator_client.post(
        referral_url(meeting, tier_2),
        {f"{key}-decision": "reject", f"{key}-reason": "Not a priority"},
    )
    tier_2.refresh_from_db()
    assert tier_2.status == "rejected"
    assert Decision.objects.get().reason == "Not a priority"


def test_confirming_rag_from_the_page(coordinator_client, meeting, red):
    key = f"rag-{red.pk}"
    data = {f"{key}-status": "amber", f"{key}-expected_version": "1"}
    missing = coordinator_client.post(rag_url(meeting, red), data)
    page = page_of(missing)
    assert missing.status_code == 400 and f'href="#id_{key}-reason"' in page
    assert "Give a reason for confirming Amber when the facts suggest Red" in page
    data[f"{key}-reason"] = "Warrant executed this morning"
    assert coordinator_client.post(rag_url(meeting, red), data).status_code == 302
    assert RagChange.objects.get(nominal=red, to_status="amber").meeting_id == meeting.pk
    page = page_of(coordinator_client.get(reverse("tasking:meeting", args=[meeting.pk])))
    assert "Decided at this meeting: Confirmed Amber" in page
    assert "Confirm RAG status: Amber (suggested Red; was Green)" in page


def test_rag_differences_show_the_first_rows_and_keep_a_form_with_errors(
    coordinator_client,
    meeting,
    coloured,  # noqa: F811 (the fixture imported above)
    coordinator,
    monkeypatch,
):
    from tasking import page as tasking_page

    monkeypatch.setattr(tasking_page, "SECTION_ROWS", 2)
    first, second, third, last = (
        coloured(name, "red", confirmed="green", by=coordinator).nominal
        for name in ("Abbot", "Baker", "Carter", "Dyson")
    )
    url = reverse("tasking:meeting", args=[meeting.pk])
    page = page_of(coordinator_client.get(url))
    shown = [n for n in (first, second, third, last) if f'action="{rag_url(meeting, n)}"' in page]
    assert shown == [first, second]  # by name, as the section orders them
    assert "Show all 4 items" in page and "(2 more)" in page

    key = f"rag-{last.pk}"  # a form beyond the first rows comes back with its errors
    data = {f"{key}-status": "amber", f"{key}-expected_version": "1"}
    response = coordinator_client.post(rag_url(meeting, last), data)
    page = page_of(response)
    assert response.status_code == 400 and f'href="#id_{key}-reason"' in page
    assert f'action="{rag_url(meeting, last)}"' in page
    assert f'action="{rag_url(meeting, third)}"' not in page
    assert "Show all 4 items" in page and "(1 more)" in page

    page = page_of(coordinator_client.get(url + "?show=rag"))
    assert all(f'action="{rag_url(meeting, n)}"' in page for n in (first, second, third, last))


def test_a_stale_rag_form_is_refused_and_offered_again(
    coordinator_client, meeting, red, coordinator
):
    # Someone else confirms meanwhile; the colour still differs, so the item stays.
    confirm_status(
        by=coordinator, nominal=red, status="amber", reason="Engaging", expected_version=1
    )
    key = f"rag-{red.pk}"
    data = {f"{key}-status": "red", f"{key}-expected_version": "1"}
    response = coordinator_client.post(rag_url(meeting, red), data)
    page = page_of(response)
    assert response.status_code == 400 and "The RAG status changed while you were deciding" in page
    assert f'name="{key}-expected_version" value="2"' in page
    data[f"{key}-expected_version"] = "2"
    assert coordinator_client.post(rag_url(meeting, red), data).status_code == 302


def test_pages_refuse_decisions_without_quorum(
    coordinator_client, short_meeting, tier_2, red, scheme
):
    referral_key, rag_key = f"referral-{tier_2.pk}", f"rag-{red.pk}"
    posts = [
        (referral_url(short_meeting, tier_2),
         {f"{referral_key}-decision": "accept", f"{referral_key}-level": level(scheme).pk}),
        (referral_url(short_meeting, tier_2),
         {f"{referral_key}-decision": "reject", f"{referral_key}-reason": "No"}),
        (rag_url(short_meeting, red),
         {f"{rag_key}-status": "red", f"{rag_key}-expected_version": 1}),
    ]  # fmt: skip
    for url, data in posts:
        response = coordinator_client.post(url, data)
        assert response.status_code == 400
        assert "Quorum not met: 2 agencies present" in page_of(response)
    assert not Decision.objects.exists()
    tier_2.refresh_from_db()
    assert tier_2.status == "awaiting_decision"


def test_only_coordinators_decide_from_the_page(client, police, meeting, tier_2, red):
    client.force_login(police)
    key = f"referral-{tier_2.pk}"
    response = client.post(referral_url(meeting, tier_2), {f"{key}-decision": "reject",
                                                           f"{key}-reason": "No"})  # fmt: skip
    assert response.status_code == 403
    rag = {f"rag-{red.pk}-status": "red", f"rag-{red.pk}-expected_version": 1}
    response = client.post(rag_url(meeting, red), rag)
    assert response.status_code == 403
    assert not Decision.objects.exists()


# The API ------------------------------------------------------------------------------------


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def decisions_url(meeting):
    return f"/api/v1/meetings/{meeting.pk}/decisions/"


def test_api_accepts_a_referral_at_a_level(
    meeting, tier_2, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(coordinator).post(
            decisions_url(meeting),
            {"kind": "accept_referral", "referral": tier_2.pk, "level": "ppo"},
            format="json",
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "accept_referral" and body["details"]["level"] == "ppo"
    assert body["membership"] == Membership.objects.get(nominal=tier_2.nominal).pk
    assert len(mail.outbox) == 2


def test_api_rejects_a_referral_and_confirms_rag(meeting, tier_2, red, coordinator):
    client = api_as(coordinator)
    rejected = client.post(
        decisions_url(meeting),
        {"kind": "reject_referral", "referral": tier_2.pk, "reason": "Not a priority"},
        format="json",
    )
    assert rejected.status_code == 201 and rejected.json()["reason"] == "Not a priority"
    confirmed = client.post(
        decisions_url(meeting),
        {"kind": "confirm_rag", "nominal": red.pk, "status": "red", "expected_version": 1},
        format="json",
    )
    assert confirmed.status_code == 201, confirmed.json()
    assert confirmed.json()["details"]["from_status"] == "green"
    assert RagChange.objects.get(nominal=red).meeting_id == meeting.pk
    stale = client.post(
        decisions_url(meeting),
        {"kind": "confirm_rag", "nominal": red.pk, "status": "green", "expected_version": 1,
         "reason": "Arrested"},
        format="json",
    )  # fmt: skip
    assert stale.status_code == 409 and stale.json()["current"] == {"status": "red", "version": 2}
    kinds = [d["kind"] for d in client.get(decisions_url(meeting)).json()["results"]]
    assert kinds == ["reject_referral", "confirm_rag"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"kind": "accept_referral"}, {"referral", "level"}),
        ({"kind": "accept_referral", "referral": 0, "level": "gold"}, {"referral", "level"}),
        ({"kind": "reject_referral", "referral": "REFERRAL", "reason": " "}, {"reason"}),
        ({"kind": "confirm_rag"}, {"nominal", "status", "expected_version"}),
        ({"kind": "confirm_rag", "nominal": "NOMINAL", "status": "purple", "expected_version": -1},
         {"status", "expected_version"}),
        ({"kind": "confirm_rag", "nominal": "NOMINAL", "status": "amber", "expected_version": 1},
         {"reason"}),
    ],
)  # fmt: skip
def test_api_bad_input_is_a_400_naming_each_field(meeting, tier_2, red, coordinator, body, fields):
    placeholders = {"REFERRAL": tier_2.pk, "NOMINAL": red.pk}
    body = {k: placeholders.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = api_as(coordinator).post(decisions_url(meeting), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == fields, response.json()
    assert not Decision.objects.exists()


def test_api_unknown_level_lists_the_scheme_levels(meeting, tier_2, coordinator):
    response = api_as(coordinator).post(
        decisions_url(meeting),
        {"kind": "accept_referral", "referral": tier_2.pk, "level": "gold"},
        format="json",
    )
    assert response.json() == {"level": ["Unknown level 'gold': use one of iom, ppo"]}


def test_api_refuses_each_new_kind_without_quorum(short_meeting, tier_2, red, coordinator):
    client = api_as(coordinator)
    for body in (
        {"kind": "accept_referral", "referral": tier_2.pk, "level": "iom"},
        {"kind": "reject_referral", "referral": tier_2.pk, "reason": "No"},
        {"kind": "confirm_rag", "nominal": red.pk, "status": "red", "expected_version": 1},
    ):
        response = client.post(decisions_url(short_meeting), body, format="json")
        assert response.status_code == 409, response.json()
        assert response.json()["detail"].startswith("Quorum not met: 2 agencies present")
        assert response.json()["quorum"]["met"] is False
    assert not Decision.objects.exists()


def test_api_refuses_non_coordinators(meeting, tier_2, red, police, partner, probation):
    for user in (police, partner, probation):
        client = api_as(user)
        for body in (
            {"kind": "reject_referral", "referral": tier_2.pk, "reason": "No"},
            {"kind": "confirm_rag", "nominal": red.pk, "status": "red", "expected_version": 1},
        ):
            assert client.post(decisions_url(meeting), body, format="json").status_code == 403
    assert not Decision.objects.exists()


def test_minutes_pdf_carries_the_new_decisions(
    coordinator_client, meeting, tier_2, red, coordinator, scheme, tmp_path
):
    workflow.decide_referral(
        by=coordinator, meeting=meeting, referral=tier_2, action="accept", level=level(scheme)
    )
    workflow.confirm_rag(
        by=coordinator, meeting=meeting, nominal=red, status="amber",
        reason="Warrant executed this morning", expected_version=1,
    )  # fmt: skip
    response = coordinator_client.get(reverse("tasking:minutes-pdf", args=[meeting.pk]))
    pages = pdf_pages(response.content, tmp_path)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    text = " ".join(" ".join(pages).split())  # table cells wrap: check what fits on a line
    decisions = text[text.index("Decisions") : text.index("Agenda discussed")]
    # How cells wrap depends on the length of the names beside them; check the facts, in order.
    for fact in (
        "TIERTWO, Riley",
        f"Accept referral {tier_2.pk} (Tier 2);",
        "WANTED, A",
        "status: Amber",
        "(suggested Red; was Green)",
    ):
        assert fact in decisions, fact
        decisions = decisions[decisions.index(fact) + len(fact) :]
    # the agenda discussed keeps the items this meeting decided
    discussed = text[text.index("Agenda discussed") :]
    assert "TIERTWO, Riley" in discussed and "Decided: Accepted" in discussed
    assert "Decided: Confirmed Amber" in discussed
