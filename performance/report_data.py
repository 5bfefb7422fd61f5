"""What the dashboard and the PDF report show: the measures for one scheme, period and filters.

The reporting period defaults to the year ending with the last full quarter, compared with the
year before it (the LLR annual report's "before" and "after" years). Both the page and the PDF
are built from the same sections, so they cannot disagree.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from performance import measures


def add_months(day: date, months: int) -> date:
    """Same day N months on (or back), clamped to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_full_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter (Jan–Mar, Apr–Jun, …) that ended most recently before today."""
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter - timedelta(days=1)
    return add_months(this_quarter, -3), end


def default_period(today: date) -> tuple[date, date]:
    """The twelve months ending with the last full quarter."""
    _start, end = last_full_quarter(today)
    return add_months(end + timedelta(days=1), -12), end


def last_month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    end = first - timedelta(days=1)
    return end.replace(day=1), end


def reoffending_years(period_end: date) -> tuple[date, date]:
    """(before_start, after_start): the "after" year is the twelve months ending with the
    period, the "before" year the twelve months before that, so both are always whole years."""
    after_start = add_months(period_end + timedelta(days=1), -12)
    return add_months(after_start, -12), after_start


def quarter_dates(start: date, end: date) -> list[date]:
    """The period's start, each three months on, and its end (the caseload spread dates)."""
    dates, day, step = [], start, 0
    while day < end:
        dates.append(day)
        step += 3
        day = add_months(start, step)
    dates.append(end)
    return dates


@dataclass(frozen=True)
class ReportFilters:
    period_start: date
    period_end: date
    level: object = None  # iom.models.Level of the scheme, or None for every level
    area: object = None  # iom.models.Area of the scheme, or None for every area

    def as_json(self) -> dict:
        return {
            key: value
            for key, value in (
                ("level", self.level.code if self.level else None),
                ("area", self.area.code if self.area else None),
            )
            if value
        }

    @property
    def key(self) -> str:
        return ";".join(f"{k}={v}" for k, v in sorted(self.as_json().items()))

    def describe(self) -> str:
        parts = [self.level.name if self.level else "All levels"]
        parts.append(self.area.name if self.area else "all areas")
        return ", ".join(parts)


@dataclass
class Section:
    slug: str
    title: str
    entries: list  # [(MeasureTable, narrowed by the level and area filters)]

    @property
    def tables(self):
        return [table for table, _narrowed in self.entries]


@dataclass
class ReportContent:
    scheme: object
    filters: ReportFilters
    before_start: date
    after_start: date
    sections: list = field(default_factory=list)
    findings: list = field(default_factory=list)

    @property
    def before_end(self) -> date:
        return self.after_start - timedelta(days=1)

    @property
    def tables(self):
        return [table for section in self.sections for table in section.tables]


def _reoffending(s, f):
    before, after = reoffending_years(f.period_end)
    return [
        (measures.reoffending_fixed(s, before, after, level=f.level, area=f.area), True),
        (
            measures.reoffending_aligned(
                s, period_start=f.period_start, period_end=f.period_end, level=f.level, area=f.area
            ),
            True,
        ),
    ]


def _caseload(s, f):
    dates = [f.period_start, f.period_end]
    return [(measures.caseload(s, dates, level=f.level, area=f.area), True)]


def _custody(s, f):
    dates = quarter_dates(f.period_start, f.period_end)
    return [(measures.custody_share(s, dates, level=f.level, area=f.area), True)]


def _referrals(s, f):
    return [
        (measures.referrals_summary(s, f.period_start, f.period_end), False),
        (measures.exits_summary(s, f.period_start, f.period_end), False),
    ]


def _needs(s, f):
    return [
        (measures.needs_table(s, f.period_start, f.period_end, level=f.level, area=f.area), True),
        (measures.needs_change(s, f.period_start, f.period_end), False),
    ]


# (slug, title, maker(scheme, filters) -> [(MeasureTable, narrowed by filters)])
SECTIONS: list[tuple[str, str, Callable]] = [
    ("reoffending", "Re-offending", _reoffending),
    ("caseload", "Caseload", _caseload),
    ("custody", "Community and custody", _custody),
    ("referrals", "Referrals and exits", _referrals),
    ("needs", "Needs assessment (offending pathways)", _needs),
]


def build_report(scheme, filters: ReportFilters, progress: Callable | None = None):
    """Every measure for the scheme and filters; `progress(done, total)` after each section."""
    before, after = reoffending_years(filters.period_end)
    content = ReportContent(scheme=scheme, filters=filters, before_start=before, after_start=after)
    for index, (slug, title, make) in enumerate(SECTIONS, start=1):
        content.sections.append(Section(slug, title, make(scheme, filters)))
        if progress:
            progress(index, len(SECTIONS))
    content.findings = key_findings(content)
    return content


def filters_for(report) -> ReportFilters:
    """A stored report's filters, with the level and area looked up in its scheme again."""
    from iom.models import Area, Level

    chosen = report.filters or {}
    level = Level.objects.filter(scheme_id=report.scheme_id, code=chosen.get("level")).first()
    area = Area.objects.filter(scheme_id=report.scheme_id, code=chosen.get("area")).first()
    return ReportFilters(
        report.period_start,
        report.period_end,
        level=level if chosen.get("level") else None,
        area=area if chosen.get("area") else None,
    )


# Key figures for the executive summary, in sentences, from the tables themselves.


def _num(value):
    from performance.charts import number

    return number(value)


def _count(value) -> str:
    number = _num(value)
    return "no" if number is None else f"{number:,.0f}"


def _pct(value) -> str:
    number = _num(value)
    if number is None:
        return "no earlier figure to compare"
    return f"{number:+.2f}%".replace("-", "\u2212")


def _change(value) -> str:
    """ "fell by 40.00%" / "rose by 5.00%" / "did not change"."""
    number = _num(value)
    if number is None:
        return "had nothing before to compare with"
    if number == 0:
        return "did not change"
    return f"{'fell' if number < 0 else 'rose'} by {abs(number):.2f}%"


def _moved(before, after) -> str:
    b, a = _num(before) or 0, _num(after) or 0
    if a < b:
        return "fell"
    if a > b:
        return "rose"
    return "stayed the same"


def _row(table, key, label):
    return next((row for row in table.rows if str(row.get(key, "")).lower() == label), None)


def is_empty(table) -> bool:
    """A measure with nothing to count says so in its note (it may still list zero rows)."""
    return not table.rows or table.note.startswith(measures.NO_DATA)


def _empty(table) -> str | None:
    if not is_empty(table):
        return None
    return f"{table.title}: {(table.note or measures.NO_DATA).rstrip('.')}."


def _reoffending_fixed(table, content):
    overall = _row(table, "group", "overall")
    if overall is None or not _num(overall.get("offenders")):
        return [f"{table.title}: no member in the sample offended in the before year."]
    found = [
        f"Offences by the sample of {_count(overall['offenders'])} offenders "
        f"{_moved(overall['before'], overall['after'])} from {_count(overall['before'])} "
        f"({content.before_start:%-d %b %Y} to {content.before_end:%-d %b %Y}) to "
        f"{_count(overall['after'])} ({content.after_start:%-d %b %Y} to "
        f"{content.filters.period_end:%-d %b %Y}) ({_pct(overall['change_pct'])})."
    ]
    young, older = _row(table, "group", "18\u201324"), _row(table, "group", "25+")
    if young and older:
        found.append(
            f"Offences by young adults (18\u201324) {_change(young['change_pct'])}; by those "
            f"aged 25 and over they {_change(older['change_pct'])}."
        )
    return found


def _reoffending_aligned(table, content):
    overall = _row(table, "group", "overall")
    if overall is None or not _num(overall.get("members")):
        return [f"{table.title}: no member has yet been on the scheme for twelve months."]
    text = (
        f"The {_count(overall['members'])} members who joined in the period and have been on "
        f"the scheme for a year committed {_count(overall['offences_after'])} offences in their "
        f"first twelve months against {_count(overall['offences_before'])} in the twelve months "
        f"before joining ({_pct(overall['offences_change_pct'])})"
    )
    saving = _num(overall.get("cost_saving"))
    if saving:
        text += f", an estimated saving of £{saving:,.0f}"
    return [text + "."]


def _caseload(table, content):
    totals = [row for row in table.rows if str(row.get("group", "")).lower() == "total"]
    change = _row(table, "group", "% change")
    if len(totals) < 2:
        return []
    first, last = totals[0], totals[-1]
    if _num(first["total"]) == _num(last["total"]):
        return [
            f"The caseload was {_count(last['total'])} on both {first['date']:%-d %b %Y} and "
            f"{last['date']:%-d %b %Y}."
        ]
    text = (
        f"The caseload {_moved(first['total'], last['total'])} from {_count(first['total'])} "
        f"on {first['date']:%-d %b %Y} to {_count(last['total'])} on {last['date']:%-d %b %Y}"
    )
    if change is not None and _num(change.get("total")) is not None:
        text += f" ({_pct(change.get('total'))})"
    return [text + "."]


def _custody(table, content):
    dates = [key for key, _label in table.columns if key not in ("measure", "change_pct")]
    by_key = {row.get("key"): row for row in table.rows}
    total, custody = by_key.get("total"), by_key.get("custody")
    if not dates or not total or not custody:
        return []
    last = dates[-1]
    day = date.fromisoformat(last)
    if not _num(total.get(last)):
        return [f"{table.title}: no members on {day:%-d %b %Y}."]
    text = (
        f"On {day:%-d %b %Y}, {_count(custody.get(last))} of {_count(total.get(last))} members "
        f"were in custody"
    )
    share = by_key.get("statutory_pct", {}).get(last)
    if _num(share) is not None:
        first = by_key["statutory_pct"].get(dates[0])
        text += f" and {_num(share):.2f}% of those in the community were statutorily managed"
        if len(dates) > 1 and _num(first) is not None:
            text += f" ({_num(first):.2f}% on {date.fromisoformat(dates[0]):%-d %b %Y})"
    return [text + "."]


def _referrals(table, content):
    total = _row(table, "source", "total")
    if total is None or not _num(total.get("referrals")):
        return [f"{table.title}: no referrals in the period."]
    text = (
        f"{_count(total['referrals'])} referrals were made; "
        f"{_count(total['accepted'])} were accepted"
    )
    if _num(total.get("accepted_pct")) is not None:
        text += f" ({_num(total['accepted_pct']):.2f}%)"
    return [text + "."]


def _exits(table, content):
    total = _row(table, "reason", "total")
    if total is None or not _num(total.get("exits")):
        return [f"{table.title}: no member left the scheme in the period."]
    reasons = [row for row in table.rows if row is not total]
    top = max(reasons, key=lambda row: _num(row.get("exits")) or 0) if reasons else None
    text = f"{_count(total['exits'])} members left the scheme"
    if top:
        text += (
            f", most often for this reason: {str(top['reason']).lower()} ({_count(top['exits'])})"
        )
    return [text + "."]


def _needs(table, content):
    scored = [row for row in table.rows if _num(row.get("percent_identified")) is not None]
    if not scored or not any(_num(row.get("assessments")) for row in scored):
        return [f"{table.title}: no needs assessments in the period."]
    top = sorted(scored, key=lambda row: _num(row["percent_identified"]), reverse=True)[:3]
    named = ", ".join(f"{row['pathway']} ({_num(row['percent_identified']):.2f}%)" for row in top)
    return [f"The needs most often identified were {named}."]


def _needs_change(table, content):
    rows = [row for row in table.rows if _num(row.get("members"))]
    if not rows:
        return [f"{table.title}: no member had two assessments in the period to compare."]
    better = [row["pathway"] for row in rows if (_num(row.get("change_pct")) or 0) < 0]
    if not better:
        return [
            "Average need scores did not fall in any pathway between first and latest assessment."
        ]
    return [
        f"Average need scores fell between first and latest assessment in {len(better)} of "
        f"{len(rows)} pathways ({', '.join(better)})."
    ]


FINDINGS = {
    ("reoffending", 0): _reoffending_fixed,
    ("reoffending", 1): _reoffending_aligned,
    ("caseload", 0): _caseload,
    ("custody", 0): _custody,
    ("referrals", 0): _referrals,
    ("referrals", 1): _exits,
    ("needs", 0): _needs,
    ("needs", 1): _needs_change,
}


def key_findings(content) -> list[str]:
    """Sentences for the executive summary; a table with no data says so instead."""
    found = []
    for section in content.sections:
        for index, table in enumerate(section.tables):
            empty = _empty(table)
            if empty:
                found.append(empty)
                continue
            describe = FINDINGS.get((section.slug, index))
            if describe:
                found += describe(table, content)
    return found
