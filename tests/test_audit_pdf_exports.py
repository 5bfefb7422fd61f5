"""Each PDF, export, agenda and aggregate view writes exactly one access-log row, with the
right action, record, nominal (none: they list many or none) and justification."""

# ruff: noqa: F811 (pytest fixtures are imported, then named as arguments)

import pytest
from django.test import Client

from audit.models import AccessLogEntry
from tests.access_fixtures import administrator, partner_off, police_elsewhere, world  # noqa: F401
from tests.test_access_matrix_more import place, text_of, users  # noqa: F401

PERIOD = "scheme=testshire&from=2024-04-01&to=2025-03-31"

# (role, url, action, object type, justification kind, justification; {m} is the meeting id,
# {r} the report id)
ROWS = [
    ("police", "/tasking/meetings/{m}/", "view", "tasking.meeting", "meeting", "meeting {m}"),
    ("partner_off", "/tasking/meetings/{m}/", "view", "tasking.meeting", "meeting", "meeting {m}"),
    ("police", "/tasking/meetings/{m}/agenda.pdf", "pdf", "tasking.meeting", "meeting",
     "meeting {m}"),
    ("partner_on", "/tasking/meetings/{m}/agenda.pdf", "pdf", "tasking.meeting", "meeting",
     "meeting {m}"),
    ("manager", "/tasking/meetings/{m}/minutes.pdf", "pdf", "tasking.meeting", "meeting",
     "meeting {m}"),
    ("probation", "/api/v1/meetings/{m}/agenda/", "api_view", "tasking.meeting", "meeting",
     "meeting {m}"),
    ("coordinator", "/api/v1/meetings/{m}/decisions/", "api_view", "tasking.meeting",
     "meeting", "meeting {m}"),
    ("police", "/api/v1/exit-reviews/", "api_search", "", "area_scheme", "scheme-wide role"),
    ("partner_on", "/api/v1/exit-reviews/", "api_search", "", "case_team",
     "case team nominals only"),
    ("manager", "/performance/", "view", "", "report", "aggregate report"),
    ("coordinator", "/performance/?period_start=2024-04-01&period_end=2025-03-31", "view", "",
     "report", "aggregate report"),
    ("manager", "/performance/reports/{r}/download/", "pdf", "performance.performancereport",
     "report", "aggregate report"),
    ("administrator", "/api/v1/performance/reports/{r}/download/", "pdf",
     "performance.performancereport", "report", "aggregate report"),
    ("manager", f"/api/v1/performance/needs/?{PERIOD}", "api_view", "", "report",
     "aggregate report"),
    ("coordinator", f"/api/v1/performance/referrals/?{PERIOD}", "api_view", "", "report",
     "aggregate report"),
    ("administrator", "/audit/access-log.csv", "export", "", "report",
     "administrator review of the access log"),
    ("partner_on", "/performance/needs/due/", "search", "", "case_team",
     "case team nominals only"),
]  # fmt: skip


@pytest.mark.parametrize(("role", "url", "action", "object_type", "kind", "why"), ROWS)
def test_one_row_with_its_justification(role, url, action, object_type, kind, why, users, place):  # noqa: F811
    ids = {"m": place.meeting.pk, "r": place.report.pk}
    url, why = url.format(**ids), why.format(**ids)
    client = Client()
    client.force_login(users[role])
    response = client.get(url)
    assert response.status_code == 200
    text_of(response)  # a streamed file is read to its end, as a browser would
    rows = list(AccessLogEntry.objects.all())
    assert len(rows) == 1, [(r.action, r.path) for r in rows]
    row = rows[0]
    assert (row.action, row.object_type, row.justification_kind, row.justification) == (
        action,
        object_type,
        kind,
        why,
    )
    assert row.user == users[role] and row.path == url
    assert row.nominal_id is None  # an agenda or a report is about many nominals, or none
    if object_type:
        expected = str(place.meeting.pk if "meeting" in object_type else place.report.pk)
        assert row.object_id == expected


def test_a_re_shown_meeting_page_is_logged_once(users, place):
    """A decision refused as incomplete shows the agenda again: that is a view too."""
    client = Client()
    client.force_login(users["coordinator"])
    response = client.post(f"/tasking/meetings/{place.meeting.pk}/actions/", {})
    assert response.status_code == 400
    [row] = AccessLogEntry.objects.all()
    assert (row.action, row.justification_kind, row.justification) == (
        "view",
        "meeting",
        f"meeting {place.meeting.pk}",
    )


def test_opening_a_needs_history_is_logged_against_the_nominal(users, place):
    client = Client()
    client.force_login(users["partner_on"])
    assert client.get(f"/performance/needs/{place.spells['team'].pk}/").status_code == 200
    [row] = AccessLogEntry.objects.all()
    assert (row.action, row.nominal_id, row.justification_kind) == (
        "view",
        place.world.team.pk,
        "case_team",
    )


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("partner_on", "/performance/"),
        ("police", "/performance/reports/{r}/download/"),
        ("probation", "/api/v1/performance/reports/{r}/download/"),
        ("police", "/api/v1/performance/caseload/?scheme=testshire&dates=2025-03-31"),
        ("coordinator", "/audit/access-log.csv"),
        ("police", "/tasking/meetings/{e}/agenda.pdf"),
        ("manager", "/api/v1/meetings/{e}/agenda/"),
    ],
)
def test_a_refused_request_writes_nothing(role, url, users, place):
    ids = {"r": place.report.pk, "e": place.elsewhere_meeting.pk}
    client = Client()
    client.force_login(users[role])
    assert client.get(url.format(**ids)).status_code in (403, 404)
    assert not AccessLogEntry.objects.exists()
