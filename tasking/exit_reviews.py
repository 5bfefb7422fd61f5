"""The six-month exit review job (DOMAIN.md): one set-based INSERT … SELECT, safe to repeat.

A member is due six months (scheme.exit_review_months) after the start of the spell, or after
the meeting that last decided to retain them. The review proposes exit when no charge or
conviction is recorded for an offence committed (offence date, else the event's date) in the
window from the same day six months before the due date to the due date, both ends included;
otherwise retain, listing the offences. Custody does not stop the clock: the window is calendar
months, and a conviction during custody for an offence committed before the window does not
count. The advisory lock serialises concurrent runs; ON CONFLICT on the unique
(membership, due_date) constraint is the backstop, so a review is never created twice.
"""

from datetime import date

from django.db import connection, transaction

from iom.codes import EventKind
from iom.models import Event, Membership, Scheme
from tasking.models import Decision, ExitReview, Meeting

LOCK_KEY = "tasking.run_exit_reviews"

_SQL = """
WITH clock AS (
    SELECT ms.id AS membership_id, ms.nominal_id, s.exit_review_months AS months,
           GREATEST(ms.start, COALESCE(last_retain.on_date, ms.start)) AS clock_from
    FROM {membership} ms
    JOIN {scheme} s ON s.id = ms.scheme_id
    LEFT JOIN LATERAL (
        SELECT MAX(m.date) AS on_date
        FROM {decision} d JOIN {meeting} m ON m.id = d.meeting_id
        WHERE d.membership_id = ms.id AND d.kind = %(retain)s
    ) last_retain ON TRUE
    WHERE ms."end" IS NULL AND (%(scheme_id)s::bigint IS NULL OR ms.scheme_id = %(scheme_id)s)
), due AS (
    SELECT membership_id, nominal_id, months,
           (clock_from + make_interval(months => months))::date AS due_date
    FROM clock
)
INSERT INTO {review} (membership_id, due_date, proposal, offences, status, reason, created_at)
SELECT due.membership_id, due.due_date,
       CASE WHEN found.offences IS NULL THEN %(exit)s ELSE %(keep)s END,
       COALESCE(found.offences, '[]'::jsonb), %(open)s, '', now()
FROM due
LEFT JOIN LATERAL (
    SELECT jsonb_agg(
               jsonb_build_object(
                   'id', e.id, 'kind', e.kind, 'offence', e.offence, 'date', e.date,
                   'offence_date', COALESCE(e.offence_date, e.date)
               ) ORDER BY COALESCE(e.offence_date, e.date), e.id
           ) AS offences
    FROM {event} e
    WHERE e.nominal_id = due.nominal_id
      AND e.kind IN (%(charge)s, %(conviction)s)
      AND COALESCE(e.offence_date, e.date)
          BETWEEN (due.due_date - make_interval(months => due.months))::date AND due.due_date
) found ON TRUE
WHERE due.due_date <= %(as_of)s
  AND NOT EXISTS (
      SELECT 1 FROM {review} r
      WHERE r.membership_id = due.membership_id AND r.due_date = due.due_date
  )
ON CONFLICT (membership_id, due_date) DO NOTHING
RETURNING id
"""


def _sql() -> str:
    tables = {
        "membership": Membership,
        "scheme": Scheme,
        "decision": Decision,
        "meeting": Meeting,
        "review": ExitReview,
        "event": Event,
    }
    return _SQL.format(
        **{k: connection.ops.quote_name(m._meta.db_table) for k, m in tables.items()}
    )


def run_exit_reviews(as_of: date, scheme: Scheme | None = None) -> list[int]:
    """Create every exit review due by `as_of`; returns the ids of the new reviews."""
    params = {
        "as_of": as_of,
        "scheme_id": scheme.pk if scheme else None,
        "retain": Decision.Kind.RETAIN.value,
        "exit": ExitReview.Proposal.EXIT.value,
        "keep": ExitReview.Proposal.RETAIN.value,
        "open": ExitReview.Status.OPEN.value,
        "charge": EventKind.CHARGE.value,
        "conviction": EventKind.CONVICTION.value,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [LOCK_KEY])
        cursor.execute(_sql(), params)
        return [row[0] for row in cursor.fetchall()]
