"""Tasking, performance, imports and audit × every role: the exact status of each page and
endpoint, no access-log row for a refused request, and no out-of-scope nominal's name on an
agenda (page, PDFs, API) or the needs-due list."""

# ruff: noqa: F811 (pytest fixtures are imported, then named as arguments)

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from weasyprint import HTML

from audit.models import AccessLogEntry
from iom.codes import EventKind
from iom.models import Event
from iom.services.memberships import start_membership
from performance.report_models import PerformanceReport
from tasking.models import Action, Attendance, ExitReview, Meeting
from tests.access_fixtures import administrator, partner_off, police_elsewhere, world  # noqa: F401

ROLES = [
    "police",
    "probation",
    "partner_on",
    "partner_off",
    "manager",
    "coordinator",
    "administrator",
]
SEES = {
    "police": {"team", "off_team"},
    "probation": {"team", "off_team"},
    "partner_on": {"team"},
    "partner_off": set(),
    "manager": set(),
    "coordinator": {"team", "off_team"},
    "administrator": {"team", "off_team"},
}
RUNS_MEETINGS = {"coordinator", "administrator"}
READS_REPORTS = {"manager", "coordinator", "administrator"}
RECORDS = set(ROLES) - {"manager"}
SURNAMES = {"team": "Teamsworth", "off_team": "Offteamly", "elsewhere": "Elsewhereton"}


@dataclass
class Place:
    world: object
    meeting: Meeting
    elsewhere_meeting: Meeting
    spells: dict
    review: ExitReview
    action: Action
    attendance: Attendance
    report: PerformanceReport
    elsewhere_report: PerformanceReport


def _done_report(scheme, day):
    report = PerformanceReport.objects.create(
        scheme=scheme,
        period_start=day - timedelta(days=30),
        period_end=day,
        status=PerformanceReport.Status.DONE,
        progress=100,
    )
    pdf = HTML(string="<p>Aggregate figures only</p>").write_pdf()
    report.file.save(f"report-{report.pk}.pdf", ContentFile(pdf))
    return report


@pytest.fixture
def place(
    settings,
    tmp_path,
    world,
    scheme,
    other_scheme,
    coordinator,
    police_elsewhere,
    agencies,  # noqa: F811
):
    """The access world's nominals on the cohort, each arrested yesterday (so on the agenda
    and due a needs assessment), a meeting today in each scheme, and a finished report each."""
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    start = today - timedelta(days=60)
    spells = {}
    for target, home, by in (
        ("team", scheme, coordinator),
        ("off_team", scheme, coordinator),
        ("elsewhere", other_scheme, police_elsewhere),
    ):
        nominal = getattr(world, target)
        spells[target] = start_membership(
            by=by, nominal=nominal, scheme=home, level=home.levels.get(code="iom"), start=start
        )
        Event.objects.create(
            nominal=nominal, kind=EventKind.ARREST, date=today - timedelta(days=1),
            offence="shoplifting",
        )  # fmt: skip
    meeting = Meeting.objects.create(
        scheme=scheme, kind=Meeting.Kind.DAILY, date=today, created_by=coordinator
    )
    elsewhere_meeting = Meeting.objects.create(
        scheme=other_scheme, kind=Meeting.Kind.DAILY, date=today, created_by=police_elsewhere
    )
    for target in ("team", "off_team"):
        Action.objects.create(
            meeting=meeting, nominal=getattr(world, target), description=f"Visit {target}",
            owner=coordinator, agency=agencies["police"], due_date=today + timedelta(days=7),
            created_by=coordinator,
        )  # fmt: skip
    action = Action.objects.create(
        meeting=meeting, description="Book the room", owner=coordinator,
        agency=agencies["police"], due_date=today + timedelta(days=7), created_by=coordinator,
    )  # fmt: skip
    attendance = Attendance.objects.create(
        meeting=meeting, name="A guest", agency=agencies["housing"], recorded_by=coordinator
    )
    review = ExitReview.objects.create(membership=spells["team"], due_date=today, proposal="exit")
    return Place(
        world, meeting, elsewhere_meeting, spells, review, action, attendance,
        _done_report(scheme, today), _done_report(other_scheme, today),
    )  # fmt: skip


@pytest.fixture
def users(police, probation, partner, partner_off, manager, coordinator, administrator):  # noqa: F811
    return {
        "police": police,
        "probation": probation,
        "partner_on": partner,
        "partner_off": partner_off,
        "manager": manager,
        "coordinator": coordinator,
        "administrator": administrator,
    }


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.pdf"
        path.write_bytes(content)
        return subprocess.run(  # noqa: S603 (a fixed program on a file this test wrote)
            [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"],
            capture_output=True, check=True, text=True,
        ).stdout  # fmt: skip


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(content)
    return content.decode()


def _either(role, allowed_roles, yes, no=403):
    return yes if role in allowed_roles else no


def reads(role, p):
    """(url, status) for every GET of the four areas, as `role` must see them."""
    m, elsewhere, w = p.meeting.pk, p.elsewhere_meeting.pk, p.world
    report = _either(role, READS_REPORTS, 200)
    other_report = _either(role, READS_REPORTS, 404)
    admin = _either(role, {"administrator"}, 200)
    scheme = "scheme=testshire"
    period = f"{scheme}&from=2024-04-01&to=2025-03-31"
    pages = [
        ("/tasking/", 200),
        (f"/tasking/meetings/{m}/", 200),
        (f"/tasking/meetings/{m}/agenda.pdf", 200),
        (f"/tasking/meetings/{m}/minutes.pdf", 200),
        (f"/tasking/meetings/{elsewhere}/", 404),
        (f"/tasking/meetings/{elsewhere}/agenda.pdf", 404),
        (f"/tasking/meetings/{elsewhere}/minutes.pdf", 404),
        ("/api/v1/meetings/", 200),
        (f"/api/v1/meetings/{m}/", 200),
        (f"/api/v1/meetings/{m}/attendees/", 200),
        (f"/api/v1/meetings/{m}/agenda/", 200),
        (f"/api/v1/meetings/{m}/decisions/", 200),
        ("/api/v1/exit-reviews/", 200),
        ("/performance/needs/due/", 200),
        ("/performance/", report),
        ("/performance/?period_start=2024-04-01&period_end=2025-03-31", report),
        ("/performance/reports/", report),
        (f"/performance/reports/{p.report.pk}/", report),
        (f"/performance/reports/{p.report.pk}/download/", report),
        (f"/performance/reports/{p.elsewhere_report.pk}/", other_report),
        (f"/performance/reports/{p.elsewhere_report.pk}/download/", other_report),
        ("/api/v1/performance/reports/", report),
        (f"/api/v1/performance/reports/{p.report.pk}/", report),
        (f"/api/v1/performance/reports/{p.report.pk}/download/", report),
        (f"/api/v1/performance/reports/{p.elsewhere_report.pk}/", other_report),
        (f"/api/v1/performance/reports/{p.elsewhere_report.pk}/download/", other_report),
        (f"/api/v1/performance/reoffending/?{scheme}&before_start=2023-04-01"
         "&after_start=2024-04-01", report),
        (f"/api/v1/performance/reoffending-aligned/?{scheme}", report),
        (f"/api/v1/performance/caseload/?{scheme}&dates=2025-03-31", report),
        (f"/api/v1/performance/custody-share/?{scheme}&dates=2025-03-31", report),
        (f"/api/v1/performance/needs/?{period}", report),
        (f"/api/v1/performance/needs-change/?{period}", report),
        (f"/api/v1/performance/referrals/?{period}", report),
        (f"/api/v1/performance/exits/?{period}", report),
        ("/api/v1/performance/caseload/?scheme=elsewhere&dates=2025-03-31", other_report),
        ("/imports/", _either(role, RUNS_MEETINGS, 200)),
        ("/audit/", admin),
        ("/audit/access-log.csv", admin),
        ("/audit/break-glass/", admin),
    ]  # fmt: skip
    for target, spell in p.spells.items():
        sees = target in SEES[role]
        pages.append((f"/performance/needs/{spell.pk}/", 200 if sees else 404))
        new = 403 if role not in RECORDS else 200 if sees else 404
        pages.append((f"/performance/needs/{spell.pk}/new/", new))
    assert w.team.pk  # the world is the one the names belong to
    return pages


def writes(role, p):
    """(url, body, status): every POST, with a body the service refuses as incomplete, so a
    status says whether the role got past the permission check."""
    m, elsewhere, w = p.meeting.pk, p.elsewhere_meeting.pk, p.world
    run = lambda ok: _either(role, RUNS_MEETINGS, ok)  # noqa: E731
    report = lambda ok: _either(role, READS_REPORTS, ok)  # noqa: E731
    return [
        ("/tasking/meetings/new/", {}, run(400)),
        (f"/tasking/meetings/{m}/attendance/", {}, run(400)),
        (f"/tasking/meetings/{m}/notes/", {"notes": "Room 2"}, run(302)),
        (f"/tasking/meetings/{m}/reviews/{p.review.pk}/decision/", {}, run(400)),
        (f"/tasking/meetings/{m}/members/{p.spells['team'].pk}/lead/", {}, run(400)),
        (f"/tasking/meetings/{m}/referrals/{w.referrals['team'].pk}/decision/", {}, run(400)),
        (f"/tasking/meetings/{m}/rag/{w.off_team.pk}/", {}, run(400)),
        (f"/tasking/meetings/{m}/actions/", {}, run(400)),
        (f"/tasking/meetings/{elsewhere}/attendance/", {}, 404),
        (f"/tasking/meetings/{elsewhere}/notes/", {"notes": "x"}, 404),
        ("/api/v1/meetings/", {}, run(400)),
        (f"/api/v1/meetings/{m}/attendees/", {}, run(400)),
        (f"/api/v1/meetings/{m}/decisions/", {}, run(400)),
        (f"/api/v1/meetings/{elsewhere}/decisions/", {}, 404),
        ("/performance/reports/request/", {"period_start": "soon"}, report(400)),
        ("/api/v1/performance/reports/", {"period_start": "soon"}, report(400)),
        ("/imports/", {}, run(200)),  # the form re-shown with its errors
        (f"/tasking/actions/{p.action.pk}/complete/", {}, run(302)),
        (f"/tasking/meetings/{m}/attendance/{p.attendance.pk}/remove/", {}, run(302)),
    ]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def _check(client, method, url, expected, role, body=None):
    before = AccessLogEntry.objects.count()
    response = getattr(client, method)(url, body or {})
    assert response.status_code == expected, (role, method, url, response.status_code)
    if expected >= 400 and expected != 400:
        assert AccessLogEntry.objects.count() == before, ("a refusal was logged", role, url)
    return response


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_endpoint_answers_each_role_exactly(role, users, place):
    client = client_for(users[role])
    hidden = [SURNAMES[t] for t in SURNAMES if t not in SEES[role]]
    for url, expected in reads(role, place):
        response = _check(client, "get", url, expected, role)
        text = text_of(response).lower()
        for surname in hidden:
            assert surname.lower() not in text, (role, url, surname)
    for url, body, expected in writes(role, place):
        _check(client, "post", url, expected, role, body)


AGENDA_VIEWS = [
    "/tasking/meetings/{m}/",
    "/tasking/meetings/{m}/agenda.pdf",
    "/tasking/meetings/{m}/minutes.pdf",
    "/api/v1/meetings/{m}/agenda/",
    "/performance/needs/due/",
]


@pytest.mark.parametrize("role", ROLES)
def test_agendas_and_needs_due_name_exactly_the_nominals_the_role_may_see(role, users, place):
    """Both ways: the visible are named (so absence of the others is not an empty page)."""
    client = client_for(users[role])
    for pattern in AGENDA_VIEWS:
        url = pattern.format(m=place.meeting.pk)
        text = text_of(client.get(url)).lower()
        for target, surname in SURNAMES.items():
            named = surname.lower() in text
            assert named == (target in SEES[role]), (role, url, surname)


def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(client, place):
    requests = [("get", url) for url, _ in reads("police", place)]
    requests += [("post", url) for url, _, _ in writes("police", place)]
    for method, url in requests:
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/sign-in/?next="), url
    assert not AccessLogEntry.objects.exists()
