"""Performance measures (DOMAIN.md "Performance"): each returns a MeasureTable computed in SQL.

The dashboard, the PDF report and the API call these; a measure never raises for an empty
period: it returns its columns with no rows (or zero counts) and a note saying there is no data.
`level` and `area` filters take a Level / Area of the scheme (or None for all).
"""

from performance.measures.base import NO_DATA, MeasureTable
from performance.measures.caseload import caseload, custody_share
from performance.measures.flows import exits_summary, referrals_summary
from performance.measures.needs import needs_change, needs_table
from performance.measures.reoffending import reoffending_aligned, reoffending_fixed

__all__ = [
    "NO_DATA",
    "MeasureTable",
    "caseload",
    "custody_share",
    "exits_summary",
    "needs_change",
    "needs_table",
    "referrals_summary",
    "reoffending_aligned",
    "reoffending_fixed",
]
