from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from iom.models import Event
from matrix.rescoring import rescore_scheme

TODAY = timezone.localdate()


def test_police_read_a_nominals_matrix_and_change_the_as_of_date(
    page, sign_in, police, make_nominal, assert_accessible
):
    nominal = make_nominal(first_names="Robin", last_name="Sample")
    Event.objects.bulk_create(
        [
            Event(nominal=nominal, kind="conviction", date=TODAY - timedelta(days=60),
                  offence="burglary-dwelling"),
            Event(nominal=nominal, kind="arrest", date=TODAY - timedelta(days=5),
                  offence="robbery"),
            Event(nominal=nominal, kind="intelligence", date=TODAY - timedelta(days=2),
                  grade="B2", handling_code="P"),
        ]
    )  # fmt: skip
    sign_in(police, f"/matrix/nominals/{nominal.pk}/")

    expect(page.get_by_role("heading", name="SAMPLE, Robin")).to_be_visible()
    # burglary 8 + robbery arrest 10 + arrest 6 + high-grade intelligence 5
    expect(page.locator("#matrix-total")).to_have_text("29")
    expect(page.locator("#matrix-decision")).to_have_text("Not eligible for panel")
    robbery = page.locator('tr[data-offence="robbery"]')
    expect(robbery.locator("td")).to_have_text(["10", "0", "1", "10"])
    burglary = page.locator('tr[data-offence="burglary-dwelling"]')
    expect(burglary.locator("td")).to_have_text(["8", "1", "0", "8"])
    expect(page.locator('tr[data-band="0-28"] td')).to_have_text(["1", "0", "5"])
    assert_accessible()

    earlier = TODAY - timedelta(days=10)
    page.get_by_label("Score as of").fill(earlier.isoformat())
    page.get_by_role("button", name="Score as of this date").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?as_of={earlier.isoformat()}")
    expect(page.locator("#matrix-total")).to_have_text("8")  # only the burglary by then
    expect(robbery.locator("td")).to_have_text(["10", "0", "0", "0"])
    assert_accessible()


def test_a_future_as_of_date_shows_the_error(
    page, sign_in, police, make_nominal, assert_accessible
):
    nominal = make_nominal()
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    sign_in(police, f"/matrix/nominals/{nominal.pk}/?as_of={tomorrow}")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="The as-of date cannot be in the future")).to_be_visible()
    assert_accessible()


def test_coordinator_sees_candidates_from_the_bulk_scoring(
    page, sign_in, coordinator, make_nominal, assert_accessible
):
    nominal = make_nominal(first_names="Casey", last_name="Candidate")
    Event.objects.bulk_create(
        Event(nominal=nominal, kind="conviction", date=TODAY - timedelta(days=d), offence="robbery")
        for d in range(1, 10)
    )  # 9 robbery convictions: 90, to panel
    rescore_scheme(nominal.scheme, TODAY)
    sign_in(coordinator, "/matrix/candidates/")
    expect(page.get_by_role("heading", name="Matrix candidates")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="CANDIDATE, Casey")
    expect(row).to_contain_text("90")
    expect(row).to_contain_text("To panel")
    assert_accessible()
