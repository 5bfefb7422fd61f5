"""A daily tasking meeting run in the browser, from the agenda to its decisions: attendance of
three agencies, a referral accepted, a RAG colour confirmed with a reason, an action, and the
printed agenda."""

from django.core import mail
from playwright.sync_api import expect

from rag.models import RagChange
from tasking.models import Decision, Meeting
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)
from tests.test_tasking_sections import coloured, refer, today  # noqa: F401 (fixtures)


def test_running_a_meeting_from_agenda_to_decisions(
    page, server_url, sign_in, assert_accessible, coordinator, police, probation, agencies,
    refer, coloured, today,  # noqa: F811 (the fixtures imported above)
):  # fmt: skip
    referral = refer(first_names="Riley", last_name="Tiertwo", ogrs=85)
    wanted = coloured("Wanted", "red", confirmed="green", by=coordinator).nominal

    sign_in(coordinator, "/tasking/")
    page.get_by_label("Kind of meeting").select_option("daily")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_role("button", name="Arrange meeting").click()
    expect(page.get_by_role("heading", level=1, name="Daily tasking")).to_be_visible()
    meeting = Meeting.objects.get()

    item = page.locator(f"#referral-{referral.pk}")
    expect(item).to_contain_text("TIERTWO, Riley: Referral: Tier 2: professional judgement")
    expect(item.get_by_role("link", name="IOM matrix")).to_have_attribute(
        "href", f"/matrix/nominals/{referral.nominal_id}/"
    )
    rag_item = page.locator(f"#rag-{wanted.pk}")
    expect(rag_item).to_contain_text("RAG: suggested Red, confirmed Green")
    expect(page.get_by_text("Decisions can be recorded once 3 different agencies").first)\
        .to_be_visible()  # fmt: skip
    assert_accessible()  # without quorum

    for user in (police, probation):
        page.locator("#id_attendance-user").select_option(str(user.pk))
        page.get_by_role("button", name="Record as present").click()
    page.get_by_label("Or a guest's name").fill("Harper Housing")
    page.locator("#id_attendance-agency").select_option(str(agencies["housing"].pk))
    page.get_by_role("button", name="Record as present").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("Quorum met: 3 agencies present")
    item.get_by_text("Record a decision").click()
    rag_item.get_by_text("Record a decision").click()
    assert_accessible()  # with quorum, decision forms open

    item.get_by_label("Accept onto the cohort").check()
    item.get_by_role("button", name="Record decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the level to manage the new member at")
    assert_accessible()  # the error summary and the field error
    item.get_by_label("Level").select_option(label="IOM")
    item.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded: Accept referral")).to_be_visible()
    expect(item).to_contain_text("Decided at this meeting: Accepted")

    rag_item.get_by_text("Record a decision").click()
    rag_item.get_by_label("Amber", exact=True).check()
    rag_item.get_by_label("Why").fill("Warrant executed this morning")
    rag_item.get_by_role("button", name="Confirm RAG status").click()
    expect(page.get_by_text("Decision recorded: Confirm RAG status")).to_be_visible()
    expect(rag_item).to_contain_text("Decided at this meeting: Confirmed Amber")

    page.get_by_label("Action", exact=True).fill("Arrange the first joint visit")
    page.locator("#id_action-nominal").select_option(str(referral.nominal_id))
    page.locator("#id_action-owner").select_option(str(probation.pk))
    page.get_by_label("Due date").fill(today.isoformat())
    page.get_by_role("button", name="Add action").click()
    expect(
        page.get_by_role("cell", name="Arrange the first joint visit", exact=True)
    ).to_be_visible()
    decisions = page.locator("#decisions + table")
    expect(decisions).to_contain_text("Accept referral")
    expect(decisions).to_contain_text("Confirm RAG status: Amber (suggested Red; was Green)")
    assert_accessible()  # after the decisions

    pdf = page.context.request.get(f"{server_url}/tasking/meetings/{meeting.pk}/agenda.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.membership.level.code == "iom"
    assert RagChange.objects.get(nominal=wanted, to_status="amber").meeting_id == meeting.pk
    assert sorted(Decision.objects.values_list("kind", flat=True)) == [
        "accept_referral", "confirm_rag",
    ]  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == sorted([police.email, probation.email])
