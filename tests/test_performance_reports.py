"""Performance reports: one report per scheme and period, the Celery task, the PDF and who may
download it. The task runs eagerly here (called directly); no worker is needed."""

import shutil
import subprocess
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from iom.codes import Role
from iom.models import Event, Membership
from performance.models import NeedsAssessment, NeedScore
from performance.report_data import ReportFilters, build_report
from performance.report_models import PerformanceReport
from performance.reports import request_report
from performance.tasks import generate_monthly_reports, generate_report

PERIOD = (date(2024, 4, 1), date(2025, 3, 31))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def no_queue(monkeypatch):
    """Record what would be sent to the broker instead of sending it."""
    sent = []
    monkeypatch.setattr(generate_report, "delay", lambda report_id: sent.append(report_id))
    return sent


@pytest.fixture
def cohort(scheme, make_nominal, police):
    """Two members with convictions before and after 1 April 2024, custody, supervision and a
    needs assessment each."""
    ppo, iom = scheme.levels.get(code="ppo"), scheme.levels.get(code="iom")
    north, south = scheme.areas.get(code="N"), scheme.areas.get(code="S")
    young = make_nominal("Jo", "Young", dob=date(2003, 6, 1))
    older = make_nominal("Sam", "Older", dob=date(1980, 1, 1))
    spells = [
        Membership.objects.create(
            nominal=young, scheme=scheme, level=ppo, area=north, start=date(2023, 1, 1)
        ),
        Membership.objects.create(
            nominal=older, scheme=scheme, level=iom, area=south, start=date(2023, 6, 1)
        ),
    ]
    convictions = [
        (young, date(2023, 5, 1)),
        (young, date(2023, 8, 1)),
        (young, date(2024, 2, 1)),
        (young, date(2024, 9, 1)),
        (older, date(2023, 7, 1)),
        (older, date(2023, 12, 1)),
        (older, date(2024, 6, 1)),
        (older, date(2025, 1, 1)),
    ]
    for nominal, day in convictions:
        Event.objects.create(
            nominal=nominal, kind="conviction", date=day, offence="shoplifting", offence_date=day
        )
    Event.objects.create(nominal=older, kind="custody", date=date(2025, 2, 1))
    Event.objects.create(
        nominal=young, kind="supervision", date=date(2023, 1, 1), statutory=True, order_type="x"
    )
    for spell, scores in zip(
        spells, [{"accommodation": 7, "drugs-alcohol": 9}, {"ete": 4}], strict=True
    ):
        assessment = NeedsAssessment.objects.create(
            membership=spell, date=date(2024, 7, 1), assessor=police
        )
        for pathway, score in scores.items():
            NeedScore.objects.create(assessment=assessment, pathway=pathway, score=score)
    return spells


def pdf_pages(path) -> list[str]:
    command = [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return [page for page in text.split("\f") if page.strip()]


def test_same_scheme_and_period_twice_gives_one_report(scheme, manager, no_queue):
    first, created = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    again, created_again = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    assert created and not created_again
    assert again.pk == first.pk
    assert PerformanceReport.objects.count() == 1


def test_regenerate_on_purpose_makes_a_new_generation(scheme, manager, no_queue):
    first, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    second, created = request_report(
        by=manager, scheme=scheme, filters=ReportFilters(*PERIOD), regenerate=True
    )
    assert created and second.pk != first.pk
    assert [r.generation for r in PerformanceReport.objects.order_by("generation")] == [1, 2]


def test_other_filters_are_another_report(scheme, manager, no_queue):
    request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    level = scheme.levels.get(code="ppo")
    _, created = request_report(
        by=manager, scheme=scheme, filters=ReportFilters(*PERIOD, level=level)
    )
    assert created
    assert PerformanceReport.objects.filter(filters_key="level=ppo").count() == 1


def test_generation_is_enqueued_after_commit(
    scheme, manager, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(generate_report, "delay", lambda report_id: sent.append(report_id))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    assert sent == []  # nothing sent before the row is committed
    for callback in callbacks:
        callback()
    assert sent == [report.pk]


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.POLICE_OFFICER, Role.OFFENDER_MANAGER])
def test_other_roles_may_not_request(scheme, agencies, make_user, role, no_queue):
    user = make_user(scheme, agencies["police"], role)
    with pytest.raises(PermissionDenied):
        request_report(by=user, scheme=scheme, filters=ReportFilters(*PERIOD))


def test_task_marks_done_and_stores_a_marked_pdf(scheme, manager, cohort, no_queue):
    report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    assert generate_report(report.pk) == "done"
    report.refresh_from_db()
    assert report.status == PerformanceReport.Status.DONE
    assert report.progress == 100 and report.finished_at and not report.error
    assert report.file.name.startswith("reports/")
    with report.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
    pages = pdf_pages(report.file.path)
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} lacks its markings"
        assert f"Page {number} of {len(pages)}" in page
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Executive summary" in text and "Definitions" in text
    assert "Offences by the sample of 2 offenders fell from 5" in text
    assert "(\u221240.00%)" in text


def test_task_delivered_twice_does_the_work_once(scheme, manager, cohort, no_queue):
    report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    assert generate_report(report.pk) == "done"
    report.refresh_from_db()
    first_file = report.file.name
    assert generate_report(report.pk) == "skipped: already done"
    report.refresh_from_db()
    assert report.file.name == first_file


def test_failure_is_recorded_and_a_new_request_retries(
    scheme, manager, no_queue, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))

    def broken(*args, **kwargs):
        raise RuntimeError("renderer out of memory")

    monkeypatch.setattr("performance.tasks.render_report_pdf", broken)
    assert generate_report(report.pk) == "failed"
    report.refresh_from_db()
    assert report.status == PerformanceReport.Status.FAILED
    assert "renderer out of memory" in report.error
    with django_capture_on_commit_callbacks(execute=True):
        again, created = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    assert not created and again.pk == report.pk
    assert again.status == PerformanceReport.Status.QUEUED and again.error == ""
    assert no_queue == [report.pk, report.pk]


def test_an_empty_period_says_there_is_no_data(scheme, manager, no_queue):
    period = ReportFilters(date(2010, 1, 1), date(2010, 12, 31))
    content = build_report(scheme, period)
    assert content.findings
    assert all("no " in finding.lower() for finding in content.findings)
    report, _ = request_report(by=manager, scheme=scheme, filters=period)
    assert generate_report(report.pk) == "done"
    report.refresh_from_db()
    text = " ".join(" ".join(page.split()) for page in pdf_pages(report.file.path))
    assert "No data for this period" in text


def test_monthly_reports_are_made_once_per_scheme(scheme, other_scheme, no_queue):
    assert generate_monthly_reports("2025-06-15") == 2
    assert generate_monthly_reports("2025-06-20") == 0
    reports = PerformanceReport.objects.order_by("scheme__name")
    assert [(r.period_start, r.period_end) for r in reports] == [
        (date(2025, 5, 1), date(2025, 5, 31))
    ] * 2
    assert all(r.requested_by is None for r in reports)


@pytest.fixture
def done_report(scheme, manager, cohort, no_queue):
    report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    generate_report(report.pk)
    return report


def test_manager_downloads_the_pdf(client, manager, done_report):
    client.force_login(manager)
    response = client.get(reverse("performance_reports:download", args=[done_report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_coordinator_downloads_the_pdf(client, coordinator, done_report):
    client.force_login(coordinator)
    response = client.get(reverse("performance_reports:download", args=[done_report.pk]))
    assert response.status_code == 200


def test_practitioner_may_not_download(client, partner, done_report):
    client.force_login(partner)
    response = client.get(reverse("performance_reports:download", args=[done_report.pk]))
    assert response.status_code == 403


def test_another_schemes_manager_gets_404(client, other_scheme, make_user, done_report):
    from iom.models import Agency

    agency = Agency.objects.create(
        scheme=other_scheme, name="Elsewhere probation", kind="probation-nps"
    )
    elsewhere = make_user(other_scheme, agency, Role.MANAGER)
    client.force_login(elsewhere)
    for name in ("download", "detail"):
        response = client.get(reverse(f"performance_reports:{name}", args=[done_report.pk]))
        assert response.status_code == 404


def test_a_report_not_ready_is_not_downloadable(client, manager, scheme, no_queue):
    report, _ = request_report(by=manager, scheme=scheme, filters=ReportFilters(*PERIOD))
    client.force_login(manager)
    response = client.get(reverse("performance_reports:download", args=[report.pk]))
    assert response.status_code == 404


def test_request_from_the_dashboard_then_follow_it(client, manager, scheme, cohort, no_queue):
    client.force_login(manager)
    form = {"period_start": "2024-04-01", "period_end": "2025-03-31", "level": "", "area": ""}
    response = client.post(reverse("performance_reports:request"), form)
    report = PerformanceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("performance_reports:detail", args=[report.pk])
    detail = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in detail and "refresh the page" in detail
    assert 'hx-trigger="every 2s"' in detail
    client.post(reverse("performance_reports:request"), form)
    assert PerformanceReport.objects.count() == 1
    generate_report(report.pk)
    listing = client.get(reverse("performance_reports:list")).content.decode()
    assert manager.get_full_name() in listing and "Download PDF" in listing
    assert 'http-equiv="refresh"' not in listing
    partial = client.get(
        reverse("performance_reports:detail", args=[report.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "<!DOCTYPE" not in partial and 'id="report-status"' in partial
    assert "hx-trigger" not in partial


def test_bad_request_form_shows_errors(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("performance_reports:request"), {"period_start": "2024-13-01", "period_end": ""}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert PerformanceReport.objects.count() == 0
