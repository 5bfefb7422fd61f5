"""Scoring every nominal of a scheme in one set-based statement, into MatrixSnapshot.

The SQL mirrors matrix/scoring.py (the tests generate a population and hold the two to the
same totals). One transaction, one INSERT ... SELECT ... ON CONFLICT DO UPDATE, behind an
advisory lock per scheme, so running it twice or at the same time leaves one row per nominal
and date with the latest figures.
"""

from datetime import date

from django.db import connection, transaction

from matrix.models import MatrixSettings
from matrix.services import ensure_matrix_policy

# First key of the two-key advisory lock: "MTRX"; the second is the scheme id.
LOCK_CLASS = 0x4D545258

RESCORE_SQL = """
WITH cfg AS (
    SELECT s.*,
        (%(as_of)s::date - make_interval(months => s.offence_window_months))::date AS offence_from,
        (%(as_of)s::date - make_interval(months => s.arrest_window_months))::date AS arrest_from,
        (%(as_of)s::date - make_interval(months => s.compliance_window_months))::date
            AS compliance_from,
        %(as_of)s::date - s.intelligence_older_days AS intelligence_from
    FROM matrix_matrixsettings s
    WHERE s.scheme_id = %(scheme_id)s
),
counted AS (
    SELECT e.nominal_id,
        COALESCE(SUM(w.weight) FILTER (
            WHERE e.kind IN ('arrest', 'conviction') AND e.date >= cfg.offence_from
        ), 0) AS offences_score,
        COUNT(*) FILTER (
            WHERE e.kind = 'intelligence' AND e.date >= cfg.intelligence_from
              AND upper(btrim(e.grade)) ~ '^([AB][12]|1[AB])$'
        ) AS high_grade,
        COUNT(*) FILTER (
            WHERE e.kind = 'intelligence' AND e.date >= cfg.intelligence_from
              AND NOT upper(btrim(e.grade)) ~ '^([AB][12]|1[AB])$'
        ) AS other_grade,
        COUNT(*) FILTER (WHERE e.kind = 'arrest' AND e.date >= cfg.arrest_from) AS arrests,
        COUNT(*) FILTER (
            WHERE e.kind IN ('breach', 'recall') AND e.date >= cfg.compliance_from
        ) AS breaches
    FROM iom_event e
    JOIN iom_nominal n ON n.id = e.nominal_id AND n.scheme_id = %(scheme_id)s
    CROSS JOIN cfg
    LEFT JOIN matrix_offenceweight w ON w.scheme_id = %(scheme_id)s AND w.offence = e.offence
    WHERE e.kind IN ('arrest', 'conviction', 'intelligence', 'breach', 'recall')
      AND e.date <= %(as_of)s::date
      AND e.date >= LEAST(
          cfg.offence_from, cfg.arrest_from, cfg.compliance_from, cfg.intelligence_from
      )
    GROUP BY e.nominal_id
),
scored AS (
    SELECT n.id AS nominal_id,
        COALESCE(c.offences_score, 0) AS offences_score,
        COALESCE(c.high_grade, 0) * cfg.high_grade_score
            + COALESCE(c.other_grade, 0) * cfg.other_grade_score AS intelligence_score,
        COALESCE(c.arrests, 0) * cfg.arrest_score AS arrests_score,
        CASE WHEN COALESCE(c.breaches, 0) > cfg.compliance_lower_threshold
             THEN cfg.compliance_lower_score ELSE 0 END
            + CASE WHEN COALESCE(c.breaches, 0) > cfg.compliance_upper_threshold
                   THEN cfg.compliance_upper_score ELSE 0 END AS compliance_score,
        cfg.discretion_from, cfg.panel_from
    FROM iom_nominal n
    CROSS JOIN cfg
    LEFT JOIN counted c ON c.nominal_id = n.id
    WHERE n.scheme_id = %(scheme_id)s
),
totalled AS (
    SELECT *, offences_score + intelligence_score + arrests_score + compliance_score AS total
    FROM scored
)
INSERT INTO matrix_matrixsnapshot (
    scheme_id, nominal_id, as_of, offences_score, intelligence_score, arrests_score,
    compliance_score, total, decision, computed_at
)
SELECT %(scheme_id)s, nominal_id, %(as_of)s::date, offences_score, intelligence_score,
    arrests_score, compliance_score, total,
    CASE WHEN total >= panel_from THEN 'to_panel'
         WHEN total >= discretion_from THEN 'professional_discretion'
         ELSE 'not_eligible' END,
    now()
FROM totalled
ON CONFLICT (nominal_id, as_of) DO UPDATE SET
    scheme_id = EXCLUDED.scheme_id,
    offences_score = EXCLUDED.offences_score,
    intelligence_score = EXCLUDED.intelligence_score,
    arrests_score = EXCLUDED.arrests_score,
    compliance_score = EXCLUDED.compliance_score,
    total = EXCLUDED.total,
    decision = EXCLUDED.decision,
    computed_at = EXCLUDED.computed_at
"""


def rescore_scheme(scheme, as_of: date) -> int:
    """Score every nominal of the scheme as of the date; returns how many were written."""
    if not MatrixSettings.objects.filter(scheme_id=scheme.pk).exists():
        ensure_matrix_policy(scheme)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, scheme.pk])
        cursor.execute(RESCORE_SQL, {"scheme_id": scheme.pk, "as_of": as_of})
        return cursor.rowcount
