from playwright.sync_api import expect

from iom.models import Nominal
from tests.test_import_support import FIXTURES


def test_coordinator_sees_row_errors_then_imports_a_good_file(
    page, sign_in, server_url, coordinator, assert_accessible
):
    sign_in(coordinator, "/imports/")
    expect(page.get_by_role("heading", name="Import records")).to_be_visible()

    page.get_by_label("Nominals").check()
    page.get_by_label("Upload a CSV file").set_input_files(FIXTURES / "nominals_bad.csv")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_text("nominals_bad.csv has 9 problems: nothing was imported")
    ).to_be_visible()
    table = page.get_by_role("table", name="Problems in nominals_bad.csv")
    expect(table.get_by_role("row")).to_have_count(10)
    expect(table.get_by_role("row").nth(1)).to_contain_text("first_names")
    expect(table).to_contain_text("Enter the MAPPA level as 0, 1, 2 or 3 (not '4')")
    assert Nominal.objects.count() == 0
    assert_accessible()

    page.get_by_label("Nominals").check()
    page.get_by_label("Upload a CSV file").set_input_files(FIXTURES / "nominals_good.csv")
    page.get_by_role("button", name="Import").click()
    expect(
        page.get_by_text(
            "Imported nominals from nominals_good.csv: 3 created, 0 updated, 0 unchanged."
        )
    ).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    assert Nominal.objects.filter(created_by=coordinator).count() == 3
    assert_accessible()
