"""Needs (criminogenic pathways): the LLR needs table and change between assessments."""

from datetime import date

from iom.codes import PATHWAYS
from performance.measures.base import NO_DATA, SPELL_FILTER, MeasureTable, fetch, pk_of

# The pathways in their LLR order, as a VALUES list the queries join from (so a pathway with no
# assessments still has its row).
PATHWAY_VALUES = ", ".join(
    f"({order}, %(pathway_{order})s, %(label_{order})s)" for order in range(len(PATHWAYS))
)


def _pathway_params() -> dict:
    params = {}
    for order, (code, label) in enumerate(PATHWAYS.items()):
        params[f"pathway_{order}"], params[f"label_{order}"] = code, label
    return params


NEEDS_SQL = f"""
WITH scores AS (
    SELECT s.pathway, s.score
    FROM performance_needscore s
    JOIN performance_needsassessment a ON a.id = s.assessment_id
    JOIN iom_membership m ON m.id = a.membership_id
    WHERE {SPELL_FILTER} AND a.date BETWEEN %(start)s AND %(end)s
)
SELECT p.code, p.label AS pathway,
       count(x.pathway)::int AS assessments,
       count(x.score)::int AS scored,
       round(COALESCE(sum(x.score), 0)::numeric / NULLIF(count(x.pathway), 0), 2)
           AS cumulative_average,
       round(sum(x.score)::numeric / NULLIF(count(x.score), 0), 2) AS average_when_scored,
       round(count(x.score) * 100.0 / NULLIF(count(x.pathway), 0), 2) AS percent_identified
FROM (VALUES {PATHWAY_VALUES}) AS p(ord, code, label)
LEFT JOIN scores x ON x.pathway = p.code
GROUP BY p.ord, p.code, p.label
ORDER BY p.ord
"""  # noqa: S608 -- constant fragments; every value is a parameter


def needs_table(scheme, start: date, end: date, *, level=None, area=None) -> MeasureTable:
    """Assessments dated in [start, end], per pathway (a blank score means no need identified).

    Columns: pathway, assessments, scored, cumulative_average (sum / all assessments),
    average_when_scored (sum / scored), percent_identified (scored / assessments × 100).
    """
    params = {
        "scheme": scheme.pk,
        "level": pk_of(level),
        "area": pk_of(area),
        "start": start,
        "end": end,
        **_pathway_params(),
    }
    rows = fetch(NEEDS_SQL, params)
    note = ""
    if all(row["assessments"] == 0 for row in rows):
        note = NO_DATA
    elif any(row["scored"] == 0 for row in rows):
        missing = [row["pathway"] for row in rows if row["scored"] == 0]
        note = f"No average when scored for {', '.join(missing)}: no one was scored."
    return MeasureTable(
        title="Needs assessments by pathway",
        definition=(
            f"Needs assessments dated {start:%d %b %Y} to {end:%d %b %Y} (both included). Each "
            "pathway is scored 1–10 (10 = most severe need) or left blank (no need identified). "
            "Cumulative average = sum of scores / all assessments; average when scored = sum of "
            "scores / assessments scoring the pathway; % identified = scored / assessments × 100."
        ),
        columns=[
            ("pathway", "Pathway"),
            ("assessments", "Assessments"),
            ("scored", "Number scored"),
            ("cumulative_average", "Cumulative average (whole group)"),
            ("average_when_scored", "Average when scored"),
            ("percent_identified", "% with need identified"),
        ],
        rows=rows,
        note=note,
        chart={
            "type": "bar",
            "label_key": "pathway",
            "series": [
                ("cumulative_average", "Cumulative average"),
                ("average_when_scored", "Average when scored"),
            ],
        },
    )


CHANGE_SQL = f"""
WITH ranked AS (
    SELECT a.id, a.membership_id,
           row_number() OVER (PARTITION BY a.membership_id ORDER BY a.date, a.id) AS first_rank,
           row_number() OVER (PARTITION BY a.membership_id ORDER BY a.date DESC, a.id DESC)
               AS latest_rank,
           count(*) OVER (PARTITION BY a.membership_id) AS how_many
    FROM performance_needsassessment a JOIN iom_membership m ON m.id = a.membership_id
    WHERE {SPELL_FILTER} AND a.date BETWEEN %(start)s AND %(end)s
),
pairs AS (
    SELECT f.membership_id, sf.pathway,
           COALESCE(sf.score, 0) AS first_score, COALESCE(sl.score, 0) AS latest_score
    FROM ranked f
    JOIN ranked l ON l.membership_id = f.membership_id AND l.latest_rank = 1
    JOIN performance_needscore sf ON sf.assessment_id = f.id
    JOIN performance_needscore sl ON sl.assessment_id = l.id AND sl.pathway = sf.pathway
    WHERE f.first_rank = 1 AND f.how_many >= 2
)
SELECT p.code, p.label AS pathway,
       count(x.membership_id)::int AS members,
       round(avg(x.first_score), 2) AS first_average,
       round(avg(x.latest_score), 2) AS latest_average,
       round((sum(x.latest_score) - sum(x.first_score)) * 100.0
             / NULLIF(sum(x.first_score), 0), 2) AS change_pct,
       count(*) FILTER (WHERE x.latest_score < x.first_score)::int AS improved,
       count(*) FILTER (WHERE x.latest_score > x.first_score)::int AS worsened,
       count(*) FILTER (WHERE x.latest_score = x.first_score)::int AS unchanged
FROM (VALUES {PATHWAY_VALUES}) AS p(ord, code, label)
LEFT JOIN pairs x ON x.pathway = p.code
GROUP BY p.ord, p.code, p.label
ORDER BY p.ord
"""  # noqa: S608 -- constant fragments; every value is a parameter


def needs_change(scheme, start: date, end: date, *, level=None, area=None) -> MeasureTable:
    """Per pathway, each member's (spell's) first vs latest assessment in [start, end], for
    members with at least two. A blank counts as 0 (no need) when comparing.

    Columns: pathway, members, first_average, latest_average, change_pct, improved, worsened,
    unchanged.
    """
    params = {
        "scheme": scheme.pk,
        "level": pk_of(level),
        "area": pk_of(area),
        "start": start,
        "end": end,
        **_pathway_params(),
    }
    rows = fetch(CHANGE_SQL, params)
    note = ""
    if all(row["members"] == 0 for row in rows):
        note = f"{NO_DATA}: no member has two assessments in it."
    elif any(row["change_pct"] is None for row in rows):
        missing = [row["pathway"] for row in rows if row["change_pct"] is None]
        note = f"No % change for {', '.join(missing)}: no need at the first assessment."
    return MeasureTable(
        title="Change in needs between first and latest assessment",
        definition=(
            f"Members with at least two needs assessments dated {start:%d %b %Y} to "
            f"{end:%d %b %Y}: their first against their latest assessment in that time, per "
            "pathway. A blank (no need identified) counts as 0. Averages are over all those "
            "members; % change = (latest total − first total) / first total × 100, so a "
            "negative change is a reduction in need. Improved = a lower score at the latest."
        ),
        columns=[
            ("pathway", "Pathway"),
            ("members", "Members"),
            ("first_average", "Average at first"),
            ("latest_average", "Average at latest"),
            ("change_pct", "% change"),
            ("improved", "Improved"),
            ("worsened", "Worsened"),
            ("unchanged", "Unchanged"),
        ],
        rows=rows,
        note=note,
        chart={
            "type": "bar",
            "label_key": "pathway",
            "series": [("first_average", "First"), ("latest_average", "Latest")],
        },
    )
