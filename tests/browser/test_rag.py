from datetime import date, timedelta

from playwright.sync_api import expect

from iom.services.events import record_event
from iom.services.memberships import start_membership
from rag.models import RagChange


def test_coordinator_confirms_a_colour_from_the_differences_list(
    page, server_url, sign_in, coordinator, police, scheme, make_nominal, assert_accessible
):
    nominal = make_nominal(first_names="Jordan", last_name="Sample")
    start_membership(
        by=police, nominal=nominal, scheme=scheme, level=scheme.levels.get(code="iom"),
        start=date.today() - timedelta(days=60),
    )  # fmt: skip
    record_event(
        by=police, nominal=nominal, kind="wanted",
        values={"date": date.today(), "wanted_type": "warrant"},
    )  # fmt: skip

    sign_in(coordinator, "/rag/board/")
    expect(page.get_by_role("heading", name="Cohort board")).to_be_visible()
    expect(page.get_by_test_id("count-red")).to_have_text("1")
    assert_accessible()

    page.get_by_role("link", name="Differences to confirm").click()
    expect(page.get_by_role("heading", name="Differences to confirm")).to_be_visible()
    assert_accessible()
    page.get_by_role("link", name="Confirm RAG status for Jordan Sample").click()

    expect(page.get_by_role("heading", name="RAG status: SAMPLE, Jordan")).to_be_visible()
    expect(page.get_by_text("Wanted on warrant")).to_be_visible()
    assert_accessible()

    # Departing from the suggestion without a reason is refused with an error summary.
    page.get_by_label("Amber", exact=True).check()
    page.get_by_role("button", name="Confirm status").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Give a reason for confirming Amber")).to_be_visible()
    assert_accessible()

    page.get_by_label("Amber", exact=True).check()
    page.get_by_label("Reason").fill("Arrested on the warrant this morning; bailed")
    page.get_by_role("button", name="Confirm status").click()

    expect(page.get_by_role("heading", name="Differences to confirm")).to_be_visible()
    expect(page.get_by_text("confirmed as Amber")).to_be_visible()
    row = page.get_by_role("row", name="SAMPLE, Jordan")
    expect(row.locator(".govuk-tag", has_text="Amber")).to_be_visible()
    assert_accessible()

    change = RagChange.objects.get(nominal=nominal)
    assert (change.to_status, change.suggested, change.changed_by) == ("amber", "red", coordinator)
