"""The performance reports API: same rules as the pages."""

import pytest
from rest_framework.test import APIClient

from iom.codes import Role
from iom.models import Agency
from performance.report_models import PerformanceReport
from performance.tasks import generate_report
from tests.test_performance_reports import media, no_queue  # noqa: F401 (fixtures used by name)

pytestmark = [pytest.mark.usefixtures("no_queue")]
URL = "/api/v1/performance/reports/"
BODY = {"period_start": "2024-04-01", "period_end": "2025-03-31"}


@pytest.fixture
def api():
    return APIClient()


def test_request_then_same_request_returns_the_same_report(api, manager):
    api.force_authenticate(manager)
    first = api.post(URL, BODY, format="json")
    assert first.status_code == 201, first.data
    assert first.data["status"] == "queued" and first.data["download_url"] is None
    again = api.post(URL, BODY, format="json")
    assert again.status_code == 200 and again.data["id"] == first.data["id"]
    regenerated = api.post(URL, {**BODY, "regenerate": True}, format="json")
    assert regenerated.status_code == 201 and regenerated.data["generation"] == 2


def test_detail_shows_progress_and_download_when_done(api, manager):
    api.force_authenticate(manager)
    report_id = api.post(URL, {**BODY, "level": "ppo"}, format="json").data["id"]
    generate_report(report_id)
    detail = api.get(f"{URL}{report_id}/")
    assert detail.data["status"] == "done" and detail.data["progress"] == 100
    assert detail.data["filters"] == {"level": "ppo"}
    assert detail.data["requested_by"] == manager.get_full_name()
    download = api.get(detail.data["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    listed = api.get(URL)
    assert [r["id"] for r in listed.data["results"]] == [report_id]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"period_start": "2025-04-01", "period_end": "2025-01-01"}, "period_end"),
        ({**BODY, "period_end": "31/03/2025"}, "period_end"),
        ({**BODY, "level": "nope"}, "level"),
        ({**BODY, "scheme": "elsewhere"}, "scheme"),
        ({**BODY, "period_end": "2999-12-31"}, "period_end"),
    ],
)
def test_bad_requests_name_the_field(api, manager, body, field):
    api.force_authenticate(manager)
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.data
    assert PerformanceReport.objects.count() == 0


def test_practitioner_is_refused(api, partner, manager):
    report = PerformanceReport.objects.create(
        scheme=manager.staff.scheme, period_start="2024-04-01", period_end="2025-03-31"
    )
    api.force_authenticate(partner)
    assert api.get(URL).status_code == 403
    assert api.post(URL, BODY, format="json").status_code == 403
    assert api.get(f"{URL}{report.pk}/").status_code == 403
    assert api.get(f"{URL}{report.pk}/download/").status_code == 403


def test_another_scheme_gets_404(api, manager, other_scheme, make_user):
    report = PerformanceReport.objects.create(
        scheme=manager.staff.scheme, period_start="2024-04-01", period_end="2025-03-31"
    )
    agency = Agency.objects.create(scheme=other_scheme, name="Elsewhere police", kind="police")
    api.force_authenticate(make_user(other_scheme, agency, Role.COORDINATOR))
    assert api.get(f"{URL}{report.pk}/").status_code == 404
    assert api.get(f"{URL}{report.pk}/download/").status_code == 404
    assert api.get(URL).data["results"] == []


def test_anonymous_is_told_to_authenticate(api):
    assert api.get(URL).status_code == 401
