"""SQL for needs assessments (performance.NeedsAssessment, one NeedScore per pathway), written
only when those tables exist with the columns used here: every three months of each spell, each
pathway scored 1–10 or left blank (no need identified)."""

from django.db import connection

ASSESSMENT_COLUMNS = {"id", "membership_id", "date", "assessor_id", "notes", "recorded_at"}
SCORE_COLUMNS = {"id", "assessment_id", "pathway", "score"}

ASSESSMENTS = """
INSERT INTO performance_needsassessment (membership_id, date, assessor_id, notes, recorded_at)
SELECT ms.id, d::date, ms.lead_professional_id, '', now()
FROM iom_membership ms
JOIN pop_scheme s ON s.scheme_id = ms.scheme_id
CROSS JOIN LATERAL generate_series(
    ms.start::timestamp, COALESCE(ms."end", %(today)s::date)::timestamp, interval '3 months'
) AS d
WHERE ms.lead_professional_id IS NOT NULL
ORDER BY ms.id, d
"""

SCORES = """
INSERT INTO performance_needscore (assessment_id, pathway, score)
SELECT q.id, q.pathway,
    CASE WHEN q.r < 0.4 THEN NULL ELSE 1 + floor((q.r - 0.4) / 0.6 * 10)::int END
FROM (
    SELECT a.id, p.pathway, random() AS r
    FROM performance_needsassessment a
    JOIN iom_membership ms ON ms.id = a.membership_id
    JOIN pop_scheme s ON s.scheme_id = ms.scheme_id
    CROSS JOIN unnest(%(pathways)s::text[]) AS p(pathway)
    ORDER BY a.id, p.pathway
) q
"""


def _columns(table) -> set:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def needs_tables_ready() -> bool:
    tables = set(connection.introspection.table_names())
    return (
        {"performance_needsassessment", "performance_needscore"} <= tables
        and _columns("performance_needsassessment") >= ASSESSMENT_COLUMNS
        and _columns("performance_needscore") >= SCORE_COLUMNS
    )
