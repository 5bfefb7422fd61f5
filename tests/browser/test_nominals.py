"""Finding a nominal, recording an arrest, and adding and editing a nominal, in a real browser."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from iom.models import Nominal


def fill_date(page, day, month, year):
    page.get_by_label("Day").fill(str(day))
    page.get_by_label("Month").fill(str(month))
    page.get_by_label("Year").fill(str(year))


def test_find_a_misspelt_nominal_and_record_an_arrest(
    page, sign_in, server_url, police, make_nominal, assert_accessible
):
    nominal = make_nominal("Jonathan", "Whitaker", pnc_id="12/1H")
    make_nominal("Someone", "Different", dob=date(1970, 1, 1))
    sign_in(police, "/nominals/")

    page.get_by_label("Name, alias, PNC ID or CRN").fill("Jonathon Whittaker")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    assert_accessible()

    page.get_by_role("link", name="WHITAKER, Jonathan").click()
    expect(page.get_by_role("heading", name="WHITAKER, Jonathan")).to_be_visible()
    assert page.url.endswith(f"/nominals/{nominal.pk}/")
    assert_accessible()

    page.get_by_role("button", name="Record an event").click()
    page.get_by_label("Arrest").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Record an arrest")).to_be_visible()
    assert_accessible()

    arrested = date.today() - timedelta(days=2)
    fill_date(page, arrested.day, arrested.month, arrested.year)
    page.get_by_label("Offence").select_option("burglary-dwelling")
    page.get_by_label("Released under investigation").check()
    page.get_by_label("Summary (optional)").fill("Arrested at home address.")
    page.get_by_role("button", name="Save arrest").click()

    expect(page.get_by_text(re.compile(r"Arrest on .* recorded"))).to_be_visible()
    first = page.locator(".moj-timeline__item").first
    expect(first.locator(".moj-timeline__title")).to_have_text("Arrest: Burglary dwelling")
    expect(first).to_contain_text("Released under investigation")
    expect(first).to_contain_text("Arrested at home address.")
    assert_accessible()


def test_add_a_nominal_fixing_errors_then_edit_them(
    page, sign_in, police, scheme, assert_accessible
):
    sign_in(police, "/nominals/")
    page.get_by_role("button", name="Add a nominal").click()
    expect(page.get_by_role("heading", name="Add a nominal")).to_be_visible()

    page.get_by_label("First names").fill("Jonathan")
    fill_date(page, 27, 3, date.today().year + 1)
    page.get_by_label("PNC ID (optional)").fill("12/1A")
    page.get_by_role("button", name="Add nominal").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter the last name")
    expect(summary).to_contain_text("Date of birth must be in the past")
    expect(summary).to_contain_text("it should be H")
    assert page.title().startswith("Add a nominal – error")
    assert_accessible()

    summary.get_by_role("link", name="Enter the last name").click()
    expect(page.get_by_label("Last name")).to_be_focused()
    page.get_by_label("Last name").fill("Whitaker")
    page.get_by_label("Year").fill("1990")
    page.get_by_label("PNC ID (optional)").fill("12/1H")
    page.get_by_label("Aliases (optional)").fill("Jon Whit\nJohnny W")
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Area (optional)").select_option(label="North")
    page.get_by_label("Prolific and priority offender (PPO)").check()
    page.get_by_role("button", name="Add nominal").click()

    expect(page.get_by_text("Jonathan Whitaker has been added")).to_be_visible()
    expect(page.get_by_role("heading", name="WHITAKER, Jonathan")).to_be_visible()
    expect(page.get_by_text("2012/0000001H").first).to_be_visible()
    nominal = Nominal.objects.get()
    assert (nominal.pnc_id, nominal.is_ppo, nominal.area.name) == ("2012/0000001H", True, "North")

    page.get_by_role("button", name="Edit details").click()
    expect(page.get_by_role("heading", name="Edit details")).to_be_visible()
    expect(page.get_by_label("Year")).to_have_value("1990")
    assert_accessible()
    page.get_by_label("Contact number (optional)").fill("07700 900123")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved")).to_be_visible()
    expect(page.get_by_text("07700 900123")).to_be_visible()
