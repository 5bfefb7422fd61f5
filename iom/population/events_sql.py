"""SQL for the events of a population: every kind, each with the fields iom/event_rules.py
asks of it, dates in the past five years (recent years denser), and for the few nominals in
custody or wanted today their first event is that open spell."""

# Share of events by kind, as cumulative thresholds on one draw.
KIND_THRESHOLDS = (
    ("arrest", 0.18),
    ("charge", 0.27),
    ("conviction", 0.35),
    ("intelligence", 0.57),
    ("engagement", 0.79),
    ("supervision", 0.83),
    ("breach", 0.89),
    ("recall", 0.905),
    ("custody", 0.95),
    ("wanted", 1.0),
)
_KIND_CASE = "\n".join(
    f"            WHEN x.r_kind < {limit} THEN '{kind}'" for kind, limit in KIND_THRESHOLDS
)

EVENTS = f"""
INSERT INTO iom_event (nominal_id, kind, date, end_date, offence, offence_date, outcome, grade,
    handling_code, suggests_offending, summary, wanted_type, expected_release, order_type,
    statutory, service, status, recorded_at, recorded_by_id)
SELECT y.nominal_id, y.kind, y.day,
    CASE y.kind
        WHEN 'custody' THEN CASE WHEN y.opening THEN NULL
                                 ELSE least(y.day + y.span, %(today)s::date) END
        WHEN 'wanted' THEN CASE WHEN y.opening THEN NULL
                                ELSE least(y.day + 1 + floor(y.r2 * 30)::int,
                                           %(today)s::date) END
        WHEN 'supervision' THEN CASE WHEN y.day + 365 <= %(today)s::date THEN y.day + 365 END
    END,
    CASE WHEN y.kind IN ('arrest', 'charge', 'conviction') THEN
        (%(offences)s::text[])[1 + floor(y.r1 * cardinality(%(offences)s::text[]))::int]
    ELSE '' END,
    CASE y.kind WHEN 'charge' THEN y.day - floor(y.r2 * 60)::int
                WHEN 'conviction' THEN y.day - floor(y.r2 * 180)::int END,
    CASE WHEN y.kind = 'arrest' THEN
        CASE WHEN y.r2 < 0.60 THEN 'charged' WHEN y.r2 < 0.74 THEN 'nfa'
             WHEN y.r2 < 0.87 THEN 'bailed' ELSE 'rui' END
    ELSE '' END,
    CASE WHEN y.kind <> 'intelligence' THEN ''
         WHEN (y.age > 730 AND y.r3 < 0.8) OR (y.age <= 730 AND y.r3 < 0.3) THEN
             substr('ABBBBCCCCDE', 1 + floor(y.r1 * 11)::int, 1)
             || (1 + floor(y.r2 * 5)::int)::text
         ELSE substr('1112222233', 1 + floor(y.r1 * 10)::int, 1)
             || substr('AABBBBCCCDE', 1 + floor(y.r2 * 11)::int, 1)
    END,
    CASE WHEN y.kind = 'intelligence' THEN CASE WHEN y.r4 < 0.75 THEN 'P' ELSE 'C' END
         ELSE '' END,
    CASE WHEN y.kind = 'intelligence' THEN y.r5 < 0.7 END,
    CASE y.kind
        WHEN 'intelligence' THEN
            (%(intelligence)s::text[])[
                1 + floor(y.r5 * cardinality(%(intelligence)s::text[]))::int]
        WHEN 'breach' THEN 'Failed to attend an appointment.'
        WHEN 'recall' THEN 'Licence revoked for non-compliance.'
        WHEN 'custody' THEN CASE WHEN y.opening THEN 'Sentenced to custody.' ELSE '' END
        ELSE ''
    END,
    CASE WHEN y.kind = 'wanted' THEN
        (ARRAY['warrant', 'crime', 'licence-recall'])[1 + floor(y.r1 * 3)::int]
    ELSE '' END,
    CASE WHEN y.kind = 'custody' THEN
        CASE WHEN y.opening THEN %(today)s::date + 1 + floor(y.r2 * 60)::int
             ELSE y.day + y.span END
    END,
    CASE WHEN y.kind = 'supervision' THEN
        (%(orders)s::text[])[1 + floor(y.r1 * cardinality(%(orders)s::text[]))::int]
    ELSE '' END,
    CASE WHEN y.kind = 'supervision' THEN
        floor(y.r1 * cardinality(%(orders)s::text[])) < 4 END,
    CASE WHEN y.kind = 'engagement' THEN
        CASE WHEN y.has_substance AND y.r1 < 0.5 THEN 'treatment' ELSE 'supervision' END
    ELSE '' END,
    CASE WHEN y.kind = 'engagement' THEN
        CASE WHEN y.r2 < y.compliance THEN 'engaging' ELSE 'not-complying' END
    ELSE '' END,
    now(),
    CASE WHEN y.kind IN ('conviction', 'custody', 'breach', 'recall', 'supervision',
                         'engagement')
         THEN (%(probation_users)s::bigint[])[y.pos]
         ELSE (%(police_users)s::bigint[])[y.pos] END
FROM (
    SELECT x.*,
        (%(today)s::date - x.day) AS age,
        14 + floor(x.r2 * 300)::int AS span
    FROM (
        SELECT x.nominal_id, x.pos, x.compliance, x.has_substance, x.opening,
            x.r1, x.r2, x.r3, x.r4, x.r5, x.r_kind,
            CASE WHEN x.opening THEN x.state
{_KIND_CASE}
            END AS kind,
            CASE WHEN x.opening AND x.state = 'custody' THEN
                     %(today)s::date - 10 - floor(x.r_age * 300)::int
                 WHEN x.opening THEN %(today)s::date - floor(x.r_age * 40)::int
                 ELSE %(today)s::date - floor(power(x.r_age, 1.6) * 1825)::int
            END AS day
        FROM (
            SELECT w.id AS nominal_id, w.pos, w.state, w.compliance, w.has_substance,
                (k = 1 AND w.state <> '') AS opening,
                random() AS r_kind, random() AS r_age, random() AS r1, random() AS r2,
                random() AS r3, random() AS r4, random() AS r5
            FROM pop_w w CROSS JOIN LATERAL generate_series(1, w.cnt) AS k
        ) x
    ) x
) y
"""  # noqa: S608 (built from constants only)
