from datetime import date, timedelta

from playwright.sync_api import expect

from iom.services.memberships import start_membership
from performance.models import NeedsAssessment


def test_practitioner_records_a_needs_assessment_from_the_due_list(
    page, server_url, sign_in, police, scheme, make_nominal, assert_accessible
):
    nominal = make_nominal(first_names="Jordan", last_name="Sample")
    spell = start_membership(
        by=police, nominal=nominal, scheme=scheme, level=scheme.levels.get(code="iom"),
        start=date.today() - timedelta(days=60),
    )  # fmt: skip

    sign_in(police, "/performance/needs/due/")
    expect(page.get_by_role("heading", name="Needs assessments due")).to_be_visible()
    assert_accessible()
    page.get_by_role("link", name="SAMPLE, Jordan").click()
    expect(page.get_by_role("heading", name="Needs assessments")).to_be_visible()
    assert_accessible()
    page.get_by_role("button", name="Record a needs assessment").click()

    # A score out of range is refused with an error summary linked to the box.
    today = date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Drugs & alcohol").fill("12")
    page.get_by_role("button", name="Save needs assessment").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Drugs & alcohol must be 10 or less")).to_be_visible()
    assert_accessible()

    page.get_by_label("Drugs & alcohol").fill("8")
    page.get_by_label("Accommodation").fill("5")
    page.get_by_role("button", name="Save needs assessment").click()
    expect(page.get_by_text("recorded")).to_be_visible()
    expect(page.get_by_role("img", name="Needs scores by pathway, 1 assessment")).to_be_visible()
    table = page.get_by_role("table", name="Needs scores at each assessment")
    expect(table.get_by_role("cell", name="8", exact=True)).to_be_visible()
    assert_accessible()

    made = NeedsAssessment.objects.get(membership=spell)
    assert dict(made.scores.values_list("pathway", "score"))["drugs-alcohol"] == 8
