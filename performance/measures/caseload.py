"""Caseload by level and area at given dates; community, custody and statutory share."""

from datetime import date

from iom.models import Area, Level
from performance.measures.base import (
    NO_DATA,
    SPELL_FILTER,
    MeasureTable,
    fetch,
    pct_change,
    pk_of,
)

# A spell covers a date from its start to its exit date, both included (as the agenda reads it).
COVERS = 'm.start <= d.day AND (m."end" IS NULL OR m."end" >= d.day)'

CASELOAD_SQL = f"""
SELECT d.day, m.level_id, m.area_id, GROUPING(m.level_id) AS all_levels, count(m.id)::int AS n
FROM unnest(%(dates)s::date[]) AS d(day)
JOIN iom_membership m ON {COVERS}
WHERE {SPELL_FILTER}
GROUP BY GROUPING SETS ((d.day, m.level_id, m.area_id), (d.day, m.area_id))
"""  # noqa: S608 -- constant fragments; every value is a parameter


def _dates(dates) -> list[date]:
    return sorted(set(dates))


def caseload(scheme, dates: list[date], *, level=None, area=None) -> MeasureTable:
    """Members whose spell covers each date (start <= date <= end), by level × area, LLR layout.

    Columns: group, date, one "area_<code>" per area of the scheme (plus "area_none" when some
    spells have no area), total. Rows: each level at each date, "Total" at each date, and a
    "% change" row (first to last date) per area and in total.
    """
    dates = _dates(dates)
    params = {"scheme": scheme.pk, "level": pk_of(level), "area": pk_of(area), "dates": dates}
    cells = fetch(CASELOAD_SQL, params)
    levels = list(Level.objects.filter(scheme=scheme).order_by("order", "name"))
    if level is not None:
        levels = [lv for lv in levels if lv.pk == pk_of(level)]
    areas = list(Area.objects.filter(scheme=scheme).order_by("code"))
    if area is not None:
        areas = [a for a in areas if a.pk == pk_of(area)]
    area_keys = [(a.pk, f"area_{a.code}", a.code) for a in areas]
    if any(cell["area_id"] is None for cell in cells):
        area_keys.append((None, "area_none", "No area"))
    # Pivot the aggregated cells (levels × areas × dates at most) into the LLR layout.
    count = {(c["day"], c["all_levels"], c["level_id"], c["area_id"]): c["n"] for c in cells}

    def row(group, day, level_id, all_levels):
        values = {key: count.get((day, all_levels, level_id, pk), 0) for pk, key, _ in area_keys}
        return {"group": group, "date": day, **values, "total": sum(values.values())}

    rows = [row(lv.name, day, lv.pk, 0) for lv in levels for day in dates]
    totals = [row("Total", day, None, 1) for day in dates]
    rows += totals
    if len(dates) > 1:
        first, last = totals[0], totals[-1]
        keys = [key for _, key, _ in area_keys] + ["total"]
        rows.append(
            {"group": "% change", "date": None, **{k: pct_change(first[k], last[k]) for k in keys}}
        )
    note = ""
    if not dates:
        note = "Give at least one date."
    elif not cells:
        note = NO_DATA
    return MeasureTable(
        title="Caseload by level and area",
        definition=(
            "Members on the cohort on each date: spells that started on or before the date and "
            "had not ended before it. % change = (last date − first date) / first date × 100, "
            "per area and in total; none where the first date had no members."
        ),
        columns=[("group", "Level"), ("date", "Date")]
        + [(key, label) for _, key, label in area_keys]
        + [("total", "Total")],
        rows=rows,
        note=note,
    )


SHARE_SQL = f"""
WITH d AS (SELECT unnest(%(dates)s::date[]) AS day),
members AS (
    SELECT d.day, m.id, a.kind AS lead_kind,
        EXISTS (SELECT 1 FROM iom_event e WHERE e.nominal_id = m.nominal_id
                AND e.kind = 'custody' AND e.date <= d.day
                AND (e.end_date IS NULL OR e.end_date > d.day)) AS in_custody,
        EXISTS (SELECT 1 FROM iom_event e WHERE e.nominal_id = m.nominal_id
                AND e.kind = 'supervision' AND e.statutory AND e.date <= d.day
                AND (e.end_date IS NULL OR e.end_date >= d.day)) AS statutory
    FROM d JOIN iom_membership m ON {COVERS}
    LEFT JOIN iom_agency a ON a.id = m.lead_agency_id
    WHERE {SPELL_FILTER}
),
counts AS (
    SELECT d.day,
        count(x.id) AS total,
        count(x.id) FILTER (WHERE x.in_custody) AS custody,
        count(x.id) FILTER (WHERE NOT x.in_custody) AS community,
        count(x.id) FILTER (WHERE NOT x.in_custody AND x.lead_kind = 'probation-crc') AS crc,
        count(x.id) FILTER (WHERE NOT x.in_custody AND x.lead_kind = 'probation-nps') AS nps,
        count(x.id) FILTER (WHERE NOT x.in_custody AND x.statutory) AS statutory
    FROM d LEFT JOIN members x ON x.day = d.day
    GROUP BY d.day
)
SELECT day, total::int, custody::int, community::int, crc::int, nps::int, statutory::int,
       CASE WHEN community = 0 THEN NULL
            ELSE round(statutory * 100.0 / community, 2) END AS statutory_pct
FROM counts ORDER BY day
"""  # noqa: S608 -- constant fragments; every value is a parameter

SHARE_MEASURES = [
    ("community", "In the community"),
    ("custody", "In custody"),
    ("total", "Total managed"),
    ("crc", "Community, lead agency probation (CRC)"),
    ("nps", "Community, lead agency probation (NPS)"),
    ("statutory", "Community, statutorily managed"),
    ("statutory_pct", "Percentage of the community statutorily managed"),
]


def custody_share(scheme, dates: list[date], *, level=None, area=None) -> MeasureTable:
    """At each (quarter) date: members, in custody, in the community, statutory community
    members and the statutory share of the community.

    Columns: measure, one per date keyed by its ISO text, change_pct (first to last date).
    Rows (key "key"): community, custody, total, crc, nps, statutory, statutory_pct.
    """
    dates = _dates(dates)
    params = {"scheme": scheme.pk, "level": pk_of(level), "area": pk_of(area), "dates": dates}
    by_day = {r["day"]: r for r in fetch(SHARE_SQL, params)}
    rows = []
    for key, label in SHARE_MEASURES:  # seven measures, pivoted from one row per date
        values = {day.isoformat(): by_day[day][key] for day in dates}
        change = None
        if key != "statutory_pct" and len(dates) > 1:
            change = pct_change(by_day[dates[0]][key], by_day[dates[-1]][key])
        rows.append({"key": key, "measure": label, **values, "change_pct": change})
    empty = not dates or all(by_day[day]["total"] == 0 for day in dates)
    note = NO_DATA if empty else ""
    if not empty and any(by_day[day]["statutory_pct"] is None for day in dates):
        note = "No statutory share where no members were in the community."
    return MeasureTable(
        title="Community, custody and statutory management",
        definition=(
            "Members on the cohort on each date. In custody: a custody record that began on or "
            "before the date with no release recorded by then (the release date counts as "
            "community). Statutorily managed: in the community with a statutory supervision "
            "order (licence, community order, suspended sentence or post-sentence supervision) "
            "running on the date. The share is statutory / community × 100. Change is from the "
            "first to the last date."
        ),
        columns=[("measure", "Measure")]
        + [(day.isoformat(), f"{day:%d/%m/%Y}") for day in dates]
        + [("change_pct", "% change")],
        rows=rows,
        note=note,
    )
