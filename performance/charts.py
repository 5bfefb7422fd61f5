"""Server-rendered SVG bar charts from a MeasureTable's chart description.

The same markup goes in the page and in the PDF (WeasyPrint draws inline SVG), so no script is
needed. Each chart is an image with a title and a description; the table beside it is the data
a screen-reader user reads.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

# GOV.UK colours with at least 3:1 contrast against white.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f"]
WIDTH = 640
LABEL_WIDTH = 210
RIGHT_MARGIN = 56
BAR = 14
BAR_GAP = 2
GROUP_GAP = 10
TOP = 34
AXIS_LABELS = 22


def number(value) -> float | None:
    """A cell as a number, or None when it is not one (blank, a dash, text)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    text = str(value).strip().rstrip("%").replace(",", "").replace("\u2212", "-")
    try:
        return float(Decimal(text))
    except (InvalidOperation, ValueError):
        return None


def _step(span: float) -> float:
    """A round tick step giving about five gridlines."""
    if span <= 0:
        return 1.0
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for nice in (1, 2, 2.5, 5, 10):
        if raw <= nice * power:
            return nice * power
    return 10 * power


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace("-", "\u2212")
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def _label(text: str, limit: int = 32) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def chart_data(table):
    """(categories, series) where series is [(label, [value or None, ...]), ...]."""
    spec = table.chart or {}
    label_key = spec.get("label_key")
    series_spec = spec.get("series") or []
    categories = [str(row.get(label_key, "")) for row in table.rows]
    series = [(label, [number(row.get(key)) for row in table.rows]) for key, label in series_spec]
    return categories, series


def describe(table) -> str:
    """The chart in words, for <desc>: every bar's value."""
    categories, series = chart_data(table)
    parts = []
    for index, category in enumerate(categories):
        values = ", ".join(
            f"{label} {_fmt(values[index]) if values[index] is not None else 'no figure'}"
            for label, values in series
        )
        parts.append(f"{category}: {values}")
    return f"Bar chart of {table.title}. " + "; ".join(parts) + "."


def bar_chart(table, chart_id: str) -> str:
    """Horizontal grouped bars, one group per row; empty string when there is nothing to draw."""
    if not table.chart or table.chart.get("type", "bar") != "bar":
        return ""
    categories, series = chart_data(table)
    values = [v for _label_, vs in series for v in vs if v is not None]
    if not categories or not series or not values:
        return ""
    low, high = min(0.0, *values), max(0.0, *values)
    step = _step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step if high > 0 else 0.0
    if high == low:
        high = low + step
    plot_width = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
    group = len(series) * (BAR + BAR_GAP) - BAR_GAP
    plot_height = len(categories) * (group + GROUP_GAP) + GROUP_GAP
    height = TOP + plot_height + AXIS_LABELS

    def x(value):
        return LABEL_WIDTH + (value - low) / (high - low) * plot_width

    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="arial, sans-serif" font-size="12">',
        f'<title id="{title_id}">{escape(table.title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(table))}</desc>',
    ]
    legend_x = LABEL_WIDTH
    for index, (label, _values) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        out.append(
            f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="16" fill="#0b0c0c">{escape(_label(label, 40))}</text>'
        )
        legend_x += 24 + 7 * len(_label(label, 40))
    bottom = TOP + plot_height
    tick = low
    while tick <= high + step / 1000:
        tx = x(tick)
        stroke = "#0b0c0c" if abs(tick) < step / 1000 else "#b1b4b6"
        out.append(
            f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{bottom}" stroke="{stroke}" '
            f'stroke-width="1"/><text x="{tx:.1f}" y="{bottom + 15}" text-anchor="middle" '
            f'fill="#0b0c0c">{_fmt(tick)}</text>'
        )
        tick += step
    zero = x(0.0)
    for row, category in enumerate(categories):
        top = TOP + GROUP_GAP + row * (group + GROUP_GAP)
        out.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{top + group / 2 + 4:.1f}" text-anchor="end" '
            f'fill="#0b0c0c">{escape(_label(category))}</text>'
        )
        for index, (_name, values_) in enumerate(series):
            value = values_[row]
            if value is None:
                continue
            y = top + index * (BAR + BAR_GAP)
            left, right = sorted((zero, x(value)))
            colour = COLOURS[index % len(COLOURS)]
            out.append(
                f'<rect x="{left:.1f}" y="{y}" width="{max(right - left, 0.5):.1f}" '
                f'height="{BAR}" fill="{colour}"/>'
            )
            anchor_x = right + 3 if value >= 0 else left - 3
            anchor = "start" if value >= 0 else "end"
            out.append(
                f'<text x="{anchor_x:.1f}" y="{y + BAR - 3}" text-anchor="{anchor}" '
                f'font-size="11" fill="#0b0c0c">{_fmt(value)}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text node above is escaped


# Charts for the measures that do not describe one: the same figures, arranged to compare.


@dataclass
class ChartSource:
    """What charts.bar_chart needs: a title, rows and a chart description."""

    title: str
    rows: list
    chart: dict


def _dated_columns(table):
    return [(key, label) for key, label in table.columns if key[:1].isdigit()]


def _caseload_chart(table):
    totals = [row for row in table.rows if row.get("group") == "Total"]
    areas = [(k, label) for k, label in table.columns if k.startswith("area_") or k == "total"]
    series = [(f"d{i}", f"{row['date']:%d/%m/%Y}") for i, row in enumerate(totals)]
    rows = [
        {"label": label, **{f"d{i}": row.get(key) for i, row in enumerate(totals)}}
        for key, label in areas
    ]
    return ChartSource(table.title, rows, {"label_key": "label", "series": series})


def _custody_chart(table):
    rows = [row for row in table.rows if row.get("key") in ("community", "custody", "total")]
    return ChartSource(table.title, rows, {"label_key": "measure", "series": _dated_columns(table)})


def _without_total(key, series):
    def make(table):
        rows = [row for row in table.rows if str(row.get(key)) != "Total"]
        return ChartSource(table.title, rows, {"label_key": key, "series": series})

    return make


DEFAULT_CHARTS = {
    ("caseload", 0): _caseload_chart,
    ("custody", 0): _custody_chart,
    ("referrals", 0): _without_total(
        "source",
        [
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
            ("awaiting", "Awaiting"),
        ],
    ),
    ("referrals", 1): _without_total("reason", [("exits", "Exits")]),
}


def chart_source(section, index, table):
    """The table itself when it describes its chart, else the default arrangement (or None)."""
    if table.chart:
        return table
    make = DEFAULT_CHARTS.get((section.slug, index))
    return make(table) if make else None
