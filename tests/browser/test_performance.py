"""A manager reads the performance dashboard, requests the PDF report and downloads it."""

import pytest
from playwright.sync_api import expect

from performance.report_models import PerformanceReport
from performance.tasks import generate_report
from tests.test_performance_reports import cohort, media  # noqa: F401 (fixtures used by name)

pytestmark = [pytest.mark.usefixtures("cohort")]


@pytest.fixture
def queued(monkeypatch):
    """The ids the page would send to the broker; the test runs the task itself."""
    sent = []
    monkeypatch.setattr(generate_report, "delay", lambda report_id: sent.append(report_id))
    return sent


def test_manager_requests_and_downloads_the_report(
    page, sign_in, assert_accessible, manager, server_url, queued
):
    sign_in(manager, "/performance/")
    page.goto(f"{server_url}/performance/?period_start=2024-04-01&period_end=2025-03-31")
    expect(page.get_by_role("heading", level=1, name="Performance")).to_be_visible()
    expect(page.get_by_text("Offences by the sample of 2 offenders fell from 5")).to_be_visible()
    expect(page.get_by_role("img", name="Re-offending: fixed years")).to_be_visible()
    assert_accessible()

    page.get_by_label("Level (optional)").select_option("ppo")
    page.get_by_role("button", name="Show measures").click()
    expect(page.get_by_text("Showing ppo, all areas", exact=False)).to_be_visible()
    page.get_by_label("Level (optional)").select_option("")
    page.get_by_role("button", name="Show measures").click()

    page.get_by_role("button", name="Request PDF report").click()
    expect(page.get_by_text("Your report has been requested.")).to_be_visible()
    expect(page.get_by_text("Queued")).to_be_visible()
    report = PerformanceReport.objects.get()
    assert queued == [report.pk]

    assert generate_report(report.pk) == "done"
    page.goto(f"{server_url}/performance/reports/")
    expect(page.get_by_role("heading", name="Performance reports")).to_be_visible()
    expect(page.get_by_role("cell", name=manager.get_full_name())).to_be_visible()
    expect(page.get_by_text("Ready")).to_be_visible()
    assert_accessible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == report.filename
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
