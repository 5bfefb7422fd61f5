"""The RAG rule of rag/rules.py in SQL, so a whole cohort is recomputed in one statement.

Keep the two in step: tests/test_rag_sql.py checks they agree on a generated population.
"""

RECOMPUTE = """
WITH target AS (
    SELECT n.id AS nominal_id, s.intelligence_window_days AS window_days
    FROM iom_nominal n JOIN iom_scheme s ON s.id = n.scheme_id
    WHERE %(all)s OR n.id = ANY(%(ids)s)
),
facts AS (
    SELECT
        t.nominal_id,
        EXISTS (
            SELECT 1 FROM iom_event e
            WHERE e.nominal_id = t.nominal_id AND e.kind = 'custody'
              AND e.date <= %(as_of)s AND (e.end_date IS NULL OR e.end_date > %(as_of)s)
        ) AS in_custody,
        (
            SELECT COALESCE(NULLIF(e.wanted_type, ''), 'unspecified') FROM iom_event e
            WHERE e.nominal_id = t.nominal_id AND e.kind = 'wanted'
              AND e.date <= %(as_of)s AND (e.end_date IS NULL OR e.end_date > %(as_of)s)
            ORDER BY e.date DESC, e.id DESC LIMIT 1
        ) AS wanted,
        (
            SELECT count(*) FROM iom_event e
            WHERE e.nominal_id = t.nominal_id AND e.kind = 'intelligence'
              AND e.suggests_offending
              AND e.date BETWEEN %(as_of)s - t.window_days AND %(as_of)s
        ) AS intelligence,
        (
            SELECT e.status FROM iom_event e
            WHERE e.nominal_id = t.nominal_id AND e.kind = 'engagement'
              AND e.service = 'supervision' AND e.date <= %(as_of)s
            ORDER BY e.date DESC, e.id DESC LIMIT 1
        ) AS supervision,
        (
            SELECT e.status FROM iom_event e
            WHERE e.nominal_id = t.nominal_id AND e.kind = 'engagement'
              AND e.service = 'treatment' AND e.date <= %(as_of)s
            ORDER BY e.date DESC, e.id DESC LIMIT 1
        ) AS treatment
    FROM target t
),
flags AS (
    SELECT
        f.*,
        f.intelligence > 0 AS has_intelligence,
        f.supervision IS NOT DISTINCT FROM 'not-complying' AS supervision_nc,
        f.treatment IS NOT DISTINCT FROM 'not-complying' AS treatment_nc
    FROM facts f
)
INSERT INTO rag_ragsuggestion (nominal_id, status, reasons, as_of, computed_at)
SELECT
    g.nominal_id,
    CASE
        WHEN g.in_custody THEN 'blue'
        WHEN g.wanted IS NOT NULL THEN 'red'
        WHEN g.has_intelligence AND (g.supervision_nc OR g.treatment_nc) THEN 'amber_alert'
        WHEN g.has_intelligence OR g.supervision_nc OR g.treatment_nc THEN 'amber'
        ELSE 'green'
    END,
    to_jsonb(array_remove(ARRAY[
        CASE WHEN g.in_custody THEN 'in_custody' END,
        CASE WHEN g.wanted IS NOT NULL THEN 'wanted_' || replace(g.wanted, '-', '_') END,
        CASE WHEN g.has_intelligence THEN 'intelligence' END,
        CASE WHEN g.supervision_nc THEN 'supervision_not_complying' END,
        CASE WHEN g.treatment_nc THEN 'treatment_not_complying' END,
        CASE WHEN NOT (g.in_custody OR g.wanted IS NOT NULL OR g.has_intelligence
                       OR g.supervision_nc OR g.treatment_nc) THEN 'no_concerns' END
    ]::text[], NULL)),
    %(as_of)s,
    %(now)s
FROM flags g
ON CONFLICT (nominal_id) DO UPDATE SET
    status = EXCLUDED.status,
    reasons = EXCLUDED.reasons,
    as_of = EXCLUDED.as_of,
    computed_at = EXCLUDED.computed_at
"""
