"""Flows into and out of the cohort: referrals by source and outcome, exits by reason."""

from datetime import date

from iom.codes import AgencyKind, ExitReason
from performance.measures.base import NO_DATA, MeasureTable, fetch

REFERRALS_SQL = """
SELECT CASE WHEN GROUPING(a.kind) = 1 THEN NULL ELSE a.kind END AS kind,
       GROUPING(a.kind) AS is_total,
       count(*)::int AS referrals,
       count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted,
       count(*) FILTER (WHERE r.status = 'rejected')::int AS rejected,
       count(*) FILTER (WHERE r.status = 'withdrawn')::int AS withdrawn,
       count(*) FILTER (WHERE r.status IN ('submitted', 'awaiting_decision'))::int AS awaiting,
       round(count(*) FILTER (WHERE r.status = 'accepted') * 100.0 / NULLIF(count(*), 0), 2)
           AS accepted_pct
FROM referrals_referral r JOIN iom_agency a ON a.id = r.referring_agency_id
WHERE r.scheme_id = %(scheme)s AND r.referral_date BETWEEN %(start)s AND %(end)s
GROUP BY ROLLUP (a.kind)
ORDER BY GROUPING(a.kind), a.kind
"""


def referrals_summary(scheme, start: date, end: date) -> MeasureTable:
    """Referrals dated in [start, end] by the kind of the referring agency, with outcomes.

    Columns: source, referrals, accepted, rejected, withdrawn, awaiting, accepted_pct.
    Rows: one per agency kind that referred, then "Total".
    """
    rows = fetch(REFERRALS_SQL, {"scheme": scheme.pk, "start": start, "end": end})
    labels = dict(AgencyKind.choices)
    rows = [
        {"source": "Total" if r["is_total"] else labels.get(r["kind"], r["kind"]), **r}
        for r in rows
    ]
    return MeasureTable(
        title="Referrals by source and outcome",
        definition=(
            f"Referrals dated {start:%d %b %Y} to {end:%d %b %Y} (both included), by the kind of "
            "agency that referred, with where each stands now: accepted onto the cohort, "
            "rejected, withdrawn, or still awaiting a decision. % accepted = accepted / "
            "referrals × 100."
        ),
        columns=[
            ("source", "Referred by"),
            ("referrals", "Referrals"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
            ("awaiting", "Awaiting decision"),
            ("accepted_pct", "% accepted"),
        ],
        rows=rows,
        note=NO_DATA if rows[-1]["referrals"] == 0 else "",
    )


EXITS_SQL = """
SELECT CASE WHEN GROUPING(m.exit_reason) = 1 THEN NULL ELSE m.exit_reason END AS reason_code,
       GROUPING(m.exit_reason) AS is_total,
       count(*)::int AS exits,
       round(count(*) * 100.0 / NULLIF(sum(count(*)) OVER (
           PARTITION BY GROUPING(m.exit_reason)), 0), 2) AS percent,
       round(avg(m."end" - m.start), 2) AS average_days
FROM iom_membership m
WHERE m.scheme_id = %(scheme)s AND m."end" BETWEEN %(start)s AND %(end)s
GROUP BY ROLLUP (m.exit_reason)
ORDER BY GROUPING(m.exit_reason), count(*) DESC, m.exit_reason
"""


def exits_summary(scheme, start: date, end: date) -> MeasureTable:
    """Spells that ended in [start, end], by exit reason.

    Columns: reason, exits, percent, average_days (average length of the spell in days).
    Rows: one per reason that occurred, then "Total".
    """
    rows = fetch(EXITS_SQL, {"scheme": scheme.pk, "start": start, "end": end})
    labels = dict(ExitReason.choices)
    rows = [
        {
            "reason": "Total" if r["is_total"] else labels.get(r["reason_code"], r["reason_code"]),
            **r,
        }
        for r in rows
    ]
    return MeasureTable(
        title="Exits from the cohort",
        definition=(
            f"Spells that ended {start:%d %b %Y} to {end:%d %b %Y} (both included), by the "
            "recorded exit reason; % of all exits in the period; average length of those spells "
            "in days (exit date − start date)."
        ),
        columns=[
            ("reason", "Reason"),
            ("exits", "Exits"),
            ("percent", "% of exits"),
            ("average_days", "Average days on the cohort"),
        ],
        rows=rows,
        note=NO_DATA if rows[-1]["exits"] == 0 else "",
    )
