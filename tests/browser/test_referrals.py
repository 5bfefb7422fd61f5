import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from iom.codes import EventKind
from iom.models import Event
from referrals.models import Referral


def test_refer_see_eligibility_and_accept(
    page, server_url, sign_in, police, coordinator, make_nominal, assert_accessible
):
    today = timezone.localdate()
    nominal = make_nominal(first_names="Robin", last_name="Testcase")
    Event.objects.create(
        nominal=nominal,
        kind=EventKind.CONVICTION,
        date=today - timedelta(days=10),
        offence="burglary-dwelling",
    )
    sign_in(police, f"/referrals/new/?nominal={nominal.pk}")
    expect(page.get_by_role("heading", name="Refer TESTCASE, Robin to IOM")).to_be_visible()

    # Bad input: every problem is named in the summary and beside its field.
    page.get_by_label("Date of referral").fill((today + timedelta(days=3)).isoformat())
    page.get_by_label("OGRS3 score (24 months)").fill("100")
    page.get_by_role("button", name="Submit referral").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    for message in (
        "The date of referral cannot be in the future",
        "Enter the details of the current offence or issues of concern",
        "Enter the OGRS3 score as a whole number from 0 to 99",
        "Select yes if the offender has been subject to the panel",
    ):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator("#id_ogrs_2yr-error")).to_contain_text("from 0 to 99")
    expect(page.locator("#id_referral_date-error")).to_contain_text("cannot be in the future")
    assert not Referral.objects.exists()
    assert_accessible()

    # A valid Tier 2 referral.
    page.get_by_label("Date of referral").fill(today.isoformat())
    page.get_by_label("Details of current offence(s)").fill("Two dwelling burglaries")
    page.get_by_label("OGRS3 score (24 months)").fill("84")
    page.get_by_role("group", name=re.compile("previously been subject")).get_by_label("No").check()
    page.get_by_label("Drugs").check()
    page.get_by_role("button", name="Submit referral").click()
    expect(page.get_by_role("heading", name=re.compile("Eligibility"))).to_contain_text(
        "Tier 2: professional judgement at daily tasking"
    )
    expect(page.locator("#eligibility-reasons")).to_contain_text("OGRS3 2-year score from 80 to 89")
    expect(page.get_by_text("Awaiting decision").first).to_be_visible()
    assert_accessible()
    referral = Referral.objects.get()

    # A co-ordinator accepts it at a chosen level.
    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(coordinator, f"/referrals/{referral.pk}/")
    page.get_by_label("Level").select_option(label="IOM")
    page.get_by_role("button", name="Accept onto the scheme").click()
    expect(page.get_by_text(f"Referral {referral.pk} accepted")).to_be_visible()
    expect(page.get_by_text("member at level IOM")).to_be_visible()
    assert_accessible()
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.membership.level.code == "iom"
