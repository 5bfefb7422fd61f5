"""The access log: one row per access with its justification; break glass; append-only."""

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.test import Client

from audit.models import AccessLogEntry, AppendOnlyError
from tests.access_fixtures import administrator, partner_off, police_elsewhere, world  # noqa: F401


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def only_row():
    rows = list(AccessLogEntry.objects.all())
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    "url, action",
    [
        ("/nominals/{pk}/", "view"),
        ("/nominals/{pk}/history/", "view"),
        ("/matrix/nominals/{pk}/", "view"),
        ("/rag/nominals/{pk}/", "view"),
        ("/referrals/{ref}/", "view"),
        ("/api/v1/nominals/{pk}/", "api_view"),
        ("/api/v1/nominals/{pk}/events/", "api_view"),
        ("/api/v1/nominals/{pk}/matrix/", "api_view"),
        ("/api/v1/nominals/{pk}/rag/", "api_view"),
        ("/api/v1/referrals/{ref}/", "api_view"),
    ],
)
@pytest.mark.parametrize(
    "who, kind, text",
    [("police", "area_scheme", "scheme-wide role"), ("partner", "case_team", "case team")],
)
def test_each_view_writes_one_row_with_its_justification(
    url,
    action,
    who,
    kind,
    text,
    world,  # noqa: F811
    request,
):
    user = request.getfixturevalue(who)
    before = AccessLogEntry.objects.count()
    path = url.format(pk=world.team.pk, ref=world.referrals["team"].pk)
    assert client_for(user).get(path).status_code == 200
    rows = list(AccessLogEntry.objects.order_by("id")[before:])
    assert len(rows) == 1
    row = rows[0]
    assert (row.user, row.username, row.action) == (user, user.username, action)
    assert (row.justification_kind, row.justification) == (kind, text)
    assert row.nominal_id == world.team.pk and row.path == path
    assert row.ip == "127.0.0.1" and row.at is not None
    if "referrals" in path:
        assert (row.object_type, row.object_id) == ("referrals.referral", str(path.split("/")[-2]))
    else:
        assert (row.object_type, row.object_id) == ("iom.nominal", str(world.team.pk))


def test_a_refused_view_writes_no_row(partner, world):  # noqa: F811
    client = client_for(partner)
    assert client.get(f"/nominals/{world.off_team.pk}/").status_code == 404
    assert client.get(f"/api/v1/nominals/{world.off_team.pk}/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_opening_from_a_meeting_is_justified_by_the_meeting(police, scheme, world):  # noqa: F811
    from tasking.models import Meeting

    meeting = Meeting.objects.create(scheme=scheme, date="2025-03-27")
    client_for(police).get(f"/nominals/{world.team.pk}/?from_meeting={meeting.pk}")
    row = only_row()
    assert (row.justification_kind, row.justification) == ("meeting", f"meeting {meeting.pk}")


def test_a_meeting_of_another_scheme_does_not_justify(police, other_scheme, world):  # noqa: F811
    from tasking.models import Meeting

    meeting = Meeting.objects.create(scheme=other_scheme, date="2025-03-27")
    client_for(police).get(f"/nominals/{world.team.pk}/?from_meeting={meeting.pk}")
    assert only_row().justification_kind == "area_scheme"


@pytest.mark.parametrize(
    "url, action, query",
    [
        ("/nominals/?q=Tamsin", "search", "Tamsin"),
        ("/nominals/?q=Tamsin&dob=27/3/1990", "search", "Tamsin dob=27/3/1990"),
        ("/referrals/new/?q=Tamsin", "search", "Tamsin"),
        ("/api/v1/nominals/?q=Tamsin", "api_search", "q=Tamsin"),
        ("/api/v1/nominals/", "api_search", ""),
    ],
)
def test_each_search_writes_one_row_with_its_query(url, action, query, partner, world):  # noqa: F811
    assert client_for(partner).get(url).status_code == 200
    row = only_row()
    assert (row.action, row.query, row.nominal_id) == (action, query, None)
    assert row.justification_kind == "case_team"


def test_an_empty_search_page_writes_no_row(police, world):  # noqa: F811
    assert client_for(police).get("/nominals/").status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_csv_export_writes_one_export_row_and_holds_the_log(
    administrator,  # noqa: F811
    police,
    world,  # noqa: F811
):
    client_for(police).get(f"/nominals/{world.team.pk}/")
    response = client_for(administrator).get("/audit/access-log.csv?action=view")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content if response.streaming else [response.content])
    lines = lines.decode().splitlines()
    assert lines[0].startswith("at_utc,username,action")
    assert len(lines) == 2 and ",police,view," in lines[1] and lines[1].split(",")[0].endswith("Z")
    export = AccessLogEntry.objects.get(action="export")
    assert (export.user, export.justification_kind, export.query) == (
        administrator,
        "report",
        "action=view",
    )
    assert AccessLogEntry.objects.count() == 2


def test_the_log_page_filters(administrator, police, partner, world):  # noqa: F811
    client_for(police).get(f"/nominals/{world.team.pk}/")
    client_for(partner).get(f"/nominals/{world.team.pk}/")
    admin = client_for(administrator)
    page = admin.get("/audit/", {"user": "partner", "justification_kind": "case_team"})
    entries = list(page.context["page"].object_list)
    assert [e.username for e in entries] == ["partner"]
    page = admin.get("/audit/", {"nominal": world.team.pk, "action": "view"})
    assert page.context["page"].paginator.count == 2
    bad = admin.get("/audit/", {"date_from": "2025-03-28", "date_to": "2025-03-01"})
    assert "The to date must be the same as or after the from date" in bad.content.decode()
    assert bad.context["page"].paginator.count == 0


def test_the_log_page_makes_a_fixed_number_of_queries(
    administrator,  # noqa: F811
    police,
    world,  # noqa: F811
    django_assert_max_num_queries,
):
    admin = client_for(administrator)
    client = client_for(police)
    admin.get("/audit/")  # the first request of a session saves it; later ones within a minute not
    counts = []
    for _ in range(2):
        for _ in range(10):
            client.get(f"/nominals/{world.team.pk}/")
        with django_assert_max_num_queries(12) as captured:
            admin.get("/audit/")
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- break glass ---------------------------------------------------------------------------


def test_break_glass_needs_a_reason(police, world):  # noqa: F811
    client = client_for(police)
    url = f"/nominals/{world.elsewhere.pk}/"
    page = client.get(url)
    assert page.status_code == 404 and "Ask for emergency access" in page.content.decode()
    response = client.post(f"{url}break-glass/", {"reason": "   "})
    assert response.status_code == 400
    assert "Enter the reason you need to open this record" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert client.get(url).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_break_glass_with_a_reason_opens_the_record_for_this_session(
    police,
    administrator,  # noqa: F811
    police_elsewhere,  # noqa: F811
    world,  # noqa: F811
    make_user,
    other_scheme,
):
    from iom.codes import Role

    elsewhere_admin = make_user(
        other_scheme, police_elsewhere.staff.agency, Role.ADMINISTRATOR, "elsewhere_admin"
    )
    client = client_for(police)
    pk = world.elsewhere.pk
    reason = "Arrested in our area overnight; need warnings before interview"
    response = client.post(f"/nominals/{pk}/break-glass/", {"reason": reason})
    assert response.status_code == 302 and response["Location"] == f"/nominals/{pk}/"
    glass = only_row()
    assert (glass.action, glass.justification_kind, glass.justification) == (
        "break_glass",
        "break_glass",
        reason,
    )
    assert glass.nominal_id == pk
    page = client.get(f"/nominals/{pk}/")
    assert page.status_code == 200 and "Elsewhereton" in page.content.decode().title()
    assert "Record an event" not in page.content.decode()
    view = AccessLogEntry.objects.exclude(pk=glass.pk).get()
    assert (view.action, view.justification_kind) == ("view", "break_glass")
    assert view.justification == f"break glass: {reason}"
    # Read only: the grant does not let the user change the record.
    assert client.get(f"/nominals/{pk}/edit/").status_code == 404
    arrest = {"kind": "arrest", "date": "2025-01-02", "offence": "robbery", "outcome": "charged"}
    assert client.post(f"/api/v1/nominals/{pk}/events/", arrest).status_code == 404
    # This session only.
    assert client_for(police).get(f"/nominals/{pk}/").status_code == 404
    # Flagged to administrators of both schemes.
    admin = client_for(administrator)
    assert reason in admin.get("/audit/break-glass/").content.decode()
    assert client_for(elsewhere_admin).get("/audit/break-glass/").status_code == 200


def test_break_glass_emails_the_administrators(
    police,
    administrator,  # noqa: F811
    world,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(police).post(
            f"/nominals/{world.elsewhere.pk}/break-glass/", {"reason": "Urgent safeguarding call"}
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [administrator.email]
    assert "police" in message.subject and "Urgent safeguarding call" in message.body
    assert "Elsewhereton" not in message.body


def test_break_glass_grant_expires(police, world, settings):  # noqa: F811
    settings.IOM_BREAK_GLASS_MINUTES = 0
    client = client_for(police)
    pk = world.elsewhere.pk
    client.post(f"/nominals/{pk}/break-glass/", {"reason": "Urgent and cannot wait"})
    assert client.get(f"/nominals/{pk}/").status_code == 404


@pytest.mark.parametrize("who", ["partner", "manager"])
def test_partners_and_managers_cannot_break_glass(who, world, request):  # noqa: F811
    client = client_for(request.getfixturevalue(who))
    pk = world.off_team.pk
    assert client.get(f"/nominals/{pk}/break-glass/").status_code == 404
    response = client.post(f"/nominals/{pk}/break-glass/", {"reason": "I would like to see it"})
    assert response.status_code == 404
    assert client.get(f"/nominals/{pk}/").status_code == 404
    assert not AccessLogEntry.objects.exists()


# --- append-only ---------------------------------------------------------------------------


def test_the_log_cannot_be_changed_or_deleted_through_the_orm(police, world):  # noqa: F811
    client_for(police).get(f"/nominals/{world.team.pk}/")
    row = only_row()
    row.justification = "edited"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).update(justification="edited")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().justification == "scheme-wide role"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslogentry SET justification = 'edited'",
        "DELETE FROM audit_accesslogentry",
    ],
)
def test_the_database_refuses_update_and_delete(sql, police, world):  # noqa: F811
    client_for(police).get(f"/nominals/{world.team.pk}/")
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AccessLogEntry.objects.get().justification == "scheme-wide role"


def test_the_admin_is_read_only(rf, administrator):  # noqa: F811
    model_admin = site._registry[AccessLogEntry]
    request = rf.get("/admin/")
    request.user = administrator
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
