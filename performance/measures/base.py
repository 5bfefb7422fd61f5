"""The table every measure returns, and the SQL helpers the measures share."""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NO_DATA = "No data for this period"


@dataclass
class MeasureTable:
    """One measure as a table: what the dashboard, the PDF report and the API all show.

    Rows are dicts keyed by column key; numbers are int, Decimal (two places) or None when a
    ratio has nothing to divide by (the note then says so). Dates are date objects.
    `chart`, when set, is {"type": "bar", "label_key": key, "series": [(key, label), ...]}.
    """

    title: str
    definition: str
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)
    note: str = ""
    chart: dict | None = None

    def as_dict(self) -> dict:
        """Plain data for JSON (the API): columns as [{key, label}], dates as ISO text."""
        data = asdict(self)
        data["columns"] = [{"key": key, "label": label} for key, label in self.columns]
        data["rows"] = [{k: _plain(v) for k, v in row.items()} for row in self.rows]
        if self.chart:
            data["chart"] = {
                **self.chart,
                "series": [{"key": k, "label": label} for k, label in self.chart["series"]],
            }
        return data


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def pct_change(before, after) -> Decimal | None:
    """(after − before) / before × 100, two decimals (half away from zero, as PostgreSQL's
    round); None when there is nothing before."""
    if not before:
        return None
    return (Decimal(after - before) * 100 / Decimal(before)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def two_places(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fetch(sql: str, params: dict) -> list[dict]:
    """Run one parameterised query; rows as dicts."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [col.name for col in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def pk_of(value):
    """A Level / Area (or its id, or None) as an id for the SQL filters."""
    return getattr(value, "pk", value)


def no_data_for(rows: list[dict], label_key: str, value_key: str, why: str) -> str:
    """The note naming groups whose ratio could not be computed."""
    missing = [str(row[label_key]) for row in rows if row[value_key] is None]
    return f"No data for {', '.join(missing)} ({why})." if missing else ""


# Spells of a scheme matching the optional level / area filters, as SQL on alias m.
SPELL_FILTER = """
    m.scheme_id = %(scheme)s
    AND (%(level)s::bigint IS NULL OR m.level_id = %(level)s::bigint)
    AND (%(area)s::bigint IS NULL OR m.area_id = %(area)s::bigint)
"""
