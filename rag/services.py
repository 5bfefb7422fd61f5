"""Writes for RAG: recomputing suggestions from events, and people confirming a colour."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from iom.access import is_coordinator, staff_of
from iom.models import Event
from rag import rules, sql
from rag.models import Colour, RagChange, RagStatus, RagSuggestion

EVENT_RECORD_FIELDS = (
    "id",
    "kind",
    "date",
    "end_date",
    "wanted_type",
    "suggests_offending",
    "service",
    "status",
)


def recompute_suggestions(nominal_ids=None, as_of: date | None = None) -> int:
    """Upsert the suggestion of the given nominals (all when None) in one SQL statement.

    Runs inside the caller's transaction, so a suggestion never disagrees with events the same
    transaction wrote. Idempotent. Returns how many suggestions were written."""
    if nominal_ids is not None and not nominal_ids:
        return 0
    params = {
        "all": nominal_ids is None,
        "ids": [int(pk) for pk in nominal_ids or ()],
        "as_of": as_of or timezone.localdate(),
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql.RECOMPUTE, params)
        return cursor.rowcount


class RagConflict(Exception):
    """The confirmed status moved after the user loaded it; they must look again."""

    def __init__(self, message, current: RagStatus | None):
        super().__init__(message)
        self.message = message
        self.current = current


def _conflict(current: RagStatus) -> RagConflict:
    who = current.confirmed_by.get_full_name() or current.confirmed_by.get_username()
    when = timezone.localtime(current.confirmed_at)
    return RagConflict(
        f"The RAG status changed while you were deciding: {who} confirmed it as "
        f"{current.get_status_display()} at {when:%H:%M on %-d %B %Y}. "
        "Check the new status and confirm again if you still want to change it.",
        current,
    )


def _check(by, nominal, status):
    staff = staff_of(by)
    if not is_coordinator(by) or staff.scheme_id != nominal.scheme_id:
        raise PermissionDenied("Only IOM co-ordinators and administrators can confirm RAG status.")
    if status not in Colour.values:
        raise ValidationError(
            {"status": "Choose a RAG status: " + ", ".join(c.label for c in Colour)}
        )


@transaction.atomic
def confirm_status(
    *, by, nominal, status, reason="", expected_version=None, meeting_id=None
) -> RagStatus:
    """Confirm the nominal's colour. expected_version is the version the user saw (0 when there
    was no confirmed status); None skips the check. A reason is needed to depart from the
    suggestion."""
    reason = (reason or "").strip()
    _check(by, nominal, status)
    recompute_suggestions([nominal.pk])
    suggestion = RagSuggestion.objects.get(pk=nominal.pk)
    if status != suggestion.status and not reason:
        raise ValidationError(
            {
                "reason": f"Give a reason for confirming {Colour(status).label} when the facts "
                f"suggest {suggestion.get_status_display()}"
            }
        )
    now = timezone.now()
    current = (
        RagStatus.objects.select_for_update().select_related("confirmed_by").filter(pk=nominal.pk)
    ).first()
    if current is None:
        if expected_version not in (None, 0):
            raise RagConflict("The RAG status was removed while you were deciding.", None)
        record = RagStatus(
            nominal=nominal, status=status, confirmed_at=now, confirmed_by=by, reason=reason
        )
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError:  # someone confirmed first: their row is now committed
            current = RagStatus.objects.select_for_update().select_related("confirmed_by")
            raise _conflict(current.get(pk=nominal.pk)) from None
        from_status = ""
    else:
        if expected_version is not None and expected_version != current.version:
            raise _conflict(current)
        from_status = current.status
        record = current
        record.status, record.confirmed_at, record.confirmed_by = status, now, by
        record.reason, record.version = reason, current.version + 1
        record.save()
    RagChange.objects.create(
        nominal=nominal,
        from_status=from_status,
        to_status=status,
        suggested=suggestion.status,
        changed_by=by,
        changed_at=now,
        reason=reason,
        version=record.version,
        meeting_id=meeting_id,
    )
    return record


def live_suggestion(nominal, as_of: date) -> rules.Suggestion:
    """The suggestion for any date, from the nominal's events with the pure rule."""
    rows = Event.objects.filter(nominal=nominal, date__lte=as_of).values(*EVENT_RECORD_FIELDS)
    events = [rules.EventRecord(**row) for row in rows]
    facts = rules.derive_facts(events, as_of, nominal.scheme.intelligence_window_days)
    return rules.suggest(facts)
