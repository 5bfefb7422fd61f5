"""Re-offending: LLR fixed before/after years, and Derbyshire windows aligned to each start."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from performance.measures.base import (
    NO_DATA,
    SPELL_FILTER,
    MeasureTable,
    fetch,
    no_data_for,
    pk_of,
)

# Convictions dated by when the offence was committed; arrests by the arrest date.
OFFENCE_DAY = "COALESCE(e.offence_date, e.date)"

FIXED_SQL = f"""
WITH spells AS (
    SELECT DISTINCT ON (m.nominal_id) m.nominal_id, m.level_id,
           date_part('year', age(%(after_start)s::date, n.date_of_birth))::int AS age
    FROM iom_membership m JOIN iom_nominal n ON n.id = m.nominal_id
    WHERE {SPELL_FILTER}
      AND m.start <= %(after_start)s AND (m."end" IS NULL OR m."end" >= %(after_start)s)
    ORDER BY m.nominal_id, m.start DESC
),
sample AS (
    SELECT s.nominal_id, s.level_id,
           CASE WHEN s.age < 18 THEN 'under-18' WHEN s.age < 25 THEN '18-24' ELSE '25+' END
               AS band,
           count(*) FILTER (WHERE {OFFENCE_DAY} >= %(before_start)s
                            AND {OFFENCE_DAY} < %(before_end)s) AS before,
           count(*) FILTER (WHERE {OFFENCE_DAY} >= %(after_start)s
                            AND {OFFENCE_DAY} < %(after_end)s) AS after
    FROM spells s JOIN iom_event e ON e.nominal_id = s.nominal_id AND e.kind = 'conviction'
    GROUP BY s.nominal_id, s.level_id, s.age
    HAVING count(*) FILTER (WHERE {OFFENCE_DAY} >= %(before_start)s
                            AND {OFFENCE_DAY} < %(before_end)s) > 0
),
grouped AS (
    SELECT 'level' AS section, 1 AS part, l."order" AS ord, l.name AS "group",
           count(x.nominal_id) AS offenders,
           COALESCE(sum(x.before), 0) AS before, COALESCE(sum(x.after), 0) AS after
    FROM iom_level l LEFT JOIN sample x ON x.level_id = l.id
    WHERE l.scheme_id = %(scheme)s AND (%(level)s::bigint IS NULL OR l.id = %(level)s::bigint)
    GROUP BY l.id, l."order", l.name
    UNION ALL
    SELECT 'age', 2, b.ord, b.label, count(x.nominal_id),
           COALESCE(sum(x.before), 0), COALESCE(sum(x.after), 0)
    FROM (VALUES (1, 'under-18', 'Under 18'), (2, '18-24', '18–24'), (3, '25+', '25+'))
         AS b(ord, code, label)
    LEFT JOIN sample x ON x.band = b.code
    GROUP BY b.ord, b.code, b.label
    HAVING b.code <> 'under-18' OR count(x.nominal_id) > 0
    UNION ALL
    SELECT 'overall', 3, 0, 'Overall', count(*), COALESCE(sum(before), 0), COALESCE(sum(after), 0)
    FROM sample
)
SELECT section, "group", offenders::int, before::int, after::int,
       CASE WHEN before = 0 THEN NULL
            ELSE round((after - before) * 100.0 / before, 2) END AS change_pct
FROM grouped ORDER BY part, ord, "group"
"""  # noqa: S608 -- constant fragments; every value is a parameter


def reoffending_fixed(
    scheme, before_start: date, after_start: date, *, level=None, area=None
) -> MeasureTable:
    """LLR style. Sample: members whose spell covers after_start with at least one offence in the
    before year. An offence is a conviction, dated by when the offence was committed
    (offence_date, else the conviction date). Years are [start, start + 1 year).

    Columns: group, offenders, before, after, change_pct. Rows: one per level, one per age band
    at after_start ("18–24", "25+", and "Under 18" only when present), then "Overall".
    """
    before_end = before_start + relativedelta(years=1)
    after_end = after_start + relativedelta(years=1)
    rows = fetch(
        FIXED_SQL,
        {
            "scheme": scheme.pk,
            "level": pk_of(level),
            "area": pk_of(area),
            "before_start": before_start,
            "before_end": before_end,
            "after_start": after_start,
            "after_end": after_end,
        },
    )
    overall = rows[-1]
    note = (
        NO_DATA
        if overall["offenders"] == 0
        else no_data_for(rows, "group", "change_pct", "no one in the sample")
    )
    last = relativedelta(days=1)
    return MeasureTable(
        title="Re-offending: fixed years",
        definition=(
            f"Members whose spell covered {after_start:%d %b %Y} and who had at least one offence "
            f"from {before_start:%d %b %Y} to {before_end - last:%d %b %Y}. An offence is a "
            "conviction, counted on the date the offence was committed (the conviction date when "
            f"that is not recorded). Offences from {before_start:%d %b %Y} to "
            f"{before_end - last:%d %b %Y} (before) against {after_start:%d %b %Y} to "
            f"{after_end - last:%d %b %Y} (after); % change = (after − before) / before × 100. "
            f"Age on {after_start:%d %b %Y}; level at that date."
        ),
        columns=[
            ("group", "Offender sample"),
            ("offenders", "Number of offenders"),
            ("before", f"Offences {before_start:%d/%m/%Y} – {before_end - last:%d/%m/%Y}"),
            ("after", f"Offences {after_start:%d/%m/%Y} – {after_end - last:%d/%m/%Y}"),
            ("change_pct", "% change"),
        ],
        rows=rows,
        note=note,
        chart={
            "type": "bar",
            "label_key": "group",
            "series": [("before", "Before"), ("after", "After")],
        },
    )


ALIGNED_SQL = f"""
WITH spells AS (
    SELECT m.id, m.nominal_id, m.level_id, m.start,
           (m.start - interval '12 months')::date AS window_start,
           (m.start + interval '12 months')::date AS window_end
    FROM iom_membership m
    WHERE {SPELL_FILTER}
      AND (%(period_start)s::date IS NULL OR m.start >= %(period_start)s::date)
      AND (%(period_end)s::date IS NULL OR m.start <= %(period_end)s::date)
      AND (m.start + interval '12 months')::date <= %(as_of)s::date
),
costs AS (
    SELECT DISTINCT ON (code) code, c.unit_cost, c.is_placeholder
    FROM performance_offenceunitcost c, unnest(c.offence_codes) AS code
    WHERE c.scheme_id = %(scheme)s OR c.scheme_id IS NULL
    ORDER BY code, c.scheme_id NULLS LAST, c.id
),
events AS (
    SELECT e.nominal_id, e.kind, e.offence,
           CASE WHEN e.kind = 'conviction' THEN {OFFENCE_DAY} ELSE e.date END AS day
    FROM iom_event e
    WHERE e.kind IN ('conviction', 'arrest')
      AND e.nominal_id IN (SELECT nominal_id FROM spells)
),
per_spell AS (
    SELECT s.id, s.level_id,
        count(*) FILTER (WHERE e.kind = 'conviction' AND e.day < s.start) AS offences_before,
        count(*) FILTER (WHERE e.kind = 'conviction' AND e.day >= s.start) AS offences_after,
        count(*) FILTER (WHERE e.kind = 'arrest' AND e.day < s.start) AS arrests_before,
        count(*) FILTER (WHERE e.kind = 'arrest' AND e.day >= s.start) AS arrests_after,
        COALESCE(sum(c.unit_cost) FILTER (WHERE e.day < s.start), 0)
          - COALESCE(sum(c.unit_cost) FILTER (WHERE e.day >= s.start), 0) AS cost_saving,
        count(*) FILTER (WHERE e.kind = 'conviction' AND c.code IS NULL) AS uncosted,
        count(*) FILTER (WHERE c.is_placeholder) AS placeholder_costed
    FROM spells s
    LEFT JOIN events e ON e.nominal_id = s.nominal_id
         AND e.day >= s.window_start AND e.day < s.window_end
    LEFT JOIN costs c ON c.code = e.offence AND e.kind = 'conviction'
    GROUP BY s.id, s.level_id
),
grouped AS (
    SELECT 1 AS part, l."order" AS ord, l.name AS "group", count(x.id) AS members,
           COALESCE(sum(offences_before), 0) AS offences_before,
           COALESCE(sum(offences_after), 0) AS offences_after,
           COALESCE(sum(arrests_before), 0) AS arrests_before,
           COALESCE(sum(arrests_after), 0) AS arrests_after,
           COALESCE(sum(cost_saving), 0) AS cost_saving,
           COALESCE(sum(uncosted), 0) AS uncosted,
           COALESCE(sum(placeholder_costed), 0) AS placeholder_costed
    FROM iom_level l LEFT JOIN per_spell x ON x.level_id = l.id
    WHERE l.scheme_id = %(scheme)s AND (%(level)s::bigint IS NULL OR l.id = %(level)s::bigint)
    GROUP BY l.id, l."order", l.name
    UNION ALL
    SELECT 2, 0, 'Overall', count(*), COALESCE(sum(offences_before), 0),
           COALESCE(sum(offences_after), 0), COALESCE(sum(arrests_before), 0),
           COALESCE(sum(arrests_after), 0), COALESCE(sum(cost_saving), 0),
           COALESCE(sum(uncosted), 0), COALESCE(sum(placeholder_costed), 0)
    FROM per_spell
)
SELECT "group", members::int, offences_before::int, offences_after::int,
       CASE WHEN offences_before = 0 THEN NULL ELSE
            round((offences_after - offences_before) * 100.0 / offences_before, 2) END
           AS offences_change_pct,
       arrests_before::int, arrests_after::int,
       CASE WHEN arrests_before = 0 THEN NULL ELSE
            round((arrests_after - arrests_before) * 100.0 / arrests_before, 2) END
           AS arrests_change_pct,
       round(cost_saving, 2) AS cost_saving,
       CASE WHEN members = 0 THEN NULL ELSE round(cost_saving / members, 2) END
           AS saving_per_member,
       uncosted::int, placeholder_costed::int
FROM grouped ORDER BY part, ord, "group"
"""  # noqa: S608 -- constant fragments; every value is a parameter


def reoffending_aligned(
    scheme, *, period_start=None, period_end=None, level=None, area=None, as_of=None
) -> MeasureTable:
    """Derbyshire style: members whose spell started in [period_start, period_end] and at least
    12 months before as_of (default today); 12 months before joining vs 12 months after.

    Columns: group, members, offences_before, offences_after, offences_change_pct,
    arrests_before, arrests_after, arrests_change_pct, cost_saving, saving_per_member.
    Rows: one per level, then "Overall". Cost saving = Σ per offence category (offences before −
    offences after) × the category's unit cost (OffenceUnitCost: the scheme's, else national).
    """
    as_of = as_of or timezone.localdate()
    rows = fetch(
        ALIGNED_SQL,
        {
            "scheme": scheme.pk,
            "level": pk_of(level),
            "area": pk_of(area),
            "period_start": period_start,
            "period_end": period_end,
            "as_of": as_of,
        },
    )
    overall = rows[-1]
    notes = []
    if overall["members"] == 0:
        notes.append(NO_DATA)
    else:
        notes.append(no_data_for(rows, "group", "offences_change_pct", "no offences before"))
        if overall["uncosted"]:
            notes.append(
                f"{overall['uncosted']} offences have no unit cost and add nothing to the saving."
            )
        if overall["placeholder_costed"]:
            notes.append(
                f"{overall['placeholder_costed']} offences are costed with placeholder unit "
                "costs not yet checked against their source."
            )
    period = (f" from {period_start:%d %b %Y}" if period_start else "") + (
        f" to {period_end:%d %b %Y}" if period_end else ""
    )
    return MeasureTable(
        title="Re-offending: 12 months before and after joining",
        definition=(
            f"Members whose spell started{period or ' at any time'} and at least 12 months before "
            f"{as_of:%d %b %Y}, so that the full year after joining is known. Offences "
            "(convictions, on the date the offence was committed, else the conviction date) and "
            "arrests in the 12 months before the start of the spell against the 12 months from "
            "it. % change = (after − before) / before × 100 (negative is a reduction). Cost "
            "saving = for each offence category, (offences before − offences after) × its unit "
            "cost (Home Office economic and social costs of crime; editable in the admin)."
        ),
        columns=[
            ("group", "Level"),
            ("members", "Members"),
            ("offences_before", "Offences before"),
            ("offences_after", "Offences after"),
            ("offences_change_pct", "Offences % change"),
            ("arrests_before", "Arrests before"),
            ("arrests_after", "Arrests after"),
            ("arrests_change_pct", "Arrests % change"),
            ("cost_saving", "Cost saving (£)"),
            ("saving_per_member", "Saving per member (£)"),
        ],
        rows=rows,
        note=" ".join(n for n in notes if n),
        chart={
            "type": "bar",
            "label_key": "group",
            "series": [("offences_before", "Offences before"), ("offences_after", "After")],
        },
    )
