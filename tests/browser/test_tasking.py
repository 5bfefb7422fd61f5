from django.utils import timezone
from playwright.sync_api import expect

from tasking.exit_reviews import run_exit_reviews
from tasking.models import Action, ExitReview
from tasking.rules import add_months
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)


def test_running_a_daily_tasking_meeting(
    page, sign_in, assert_accessible, coordinator, police, probation, agencies, make_member
):
    today = timezone.localdate()
    member = make_member(start=add_months(today, -6), first_names="Jordan", last_name="Sample")
    run_exit_reviews(today)
    review = ExitReview.objects.get(membership=member)

    sign_in(coordinator, "/tasking/")
    expect(page.get_by_role("heading", name="Tasking and panels")).to_be_visible()
    assert_accessible()
    page.get_by_label("Kind of meeting").select_option("daily")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_role("button", name="Arrange meeting").click()

    expect(page.get_by_role("heading", level=1, name="Daily tasking")).to_be_visible()
    expect(page.get_by_test_id("quorum")).to_contain_text("No quorum")
    expect(page.get_by_text("Decisions can be recorded once 3 different agencies")).to_be_visible()
    assert_accessible()

    for user in (police, probation):
        page.locator("#id_attendance-user").select_option(str(user.pk))
        page.get_by_role("button", name="Record as present").click()
        expect(page.get_by_text(f"{user.get_full_name()} (").first).to_be_visible()
    page.get_by_label("Or a guest's name").fill("Harper Housing")
    page.locator("#id_attendance-agency").select_option(str(agencies["housing"].pk))
    page.get_by_role("button", name="Record as present").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("Quorum met: 3 agencies present")

    item = page.locator(f"#review-{review.pk}")
    expect(item).to_contain_text("SAMPLE, Jordan: Exit review: proposes exit")
    item.get_by_text("Record a decision").click()
    item.get_by_label("Exit from the cohort").check()
    item.get_by_label("Reason for exit").select_option("not-reoffended")
    item.get_by_label("Why").fill("No offending in the six months")
    item.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded: Exit from the cohort")).to_be_visible()
    expect(page.locator(f"#review-{review.pk}")).to_contain_text("Decided at this meeting: Exited")

    page.get_by_label("Action", exact=True).fill("Tell the offender manager")
    page.locator("#id_action-nominal").select_option(str(member.nominal_id))
    page.locator("#id_action-owner").select_option(str(probation.pk))
    page.get_by_label("Due date").fill(today.isoformat())
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("cell", name="Tell the offender manager", exact=True)).to_be_visible()
    assert_accessible()

    member.refresh_from_db()
    assert member.end == today and member.exit_reason == "not-reoffended"
    assert Action.objects.get().owner == probation
