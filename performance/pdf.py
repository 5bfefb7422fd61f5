"""The performance report as a PDF (WeasyPrint), with its own small print stylesheet.

Every page carries OFFICIAL-SENSITIVE at the top and bottom and "Page N of M" (CSS @page
margin boxes in templates/performance/pdf/print.css).
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from performance.charts import bar_chart, chart_source
from performance.report_data import is_empty


def display(value) -> str:
    if value is None or value == "":
        return "\u2013"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        value = f"{value:.2f}"
    text = str(value)
    return "\u2212" + text[1:] if text.startswith("-") and len(text) > 1 else text


def cells(table) -> list[list]:
    """The rows as lists of text in column order (templates cannot index a dict by a variable)."""
    keys = [key for key, _label in table.columns]
    return [[display(row.get(key)) for key in keys] for row in table.rows]


def _chart(section, index, table, chart_id):
    source = None if is_empty(table) else chart_source(section, index, table)
    return bar_chart(source, chart_id) if source else ""


def charted(content, prefix="pdf-chart"):
    """Each section's tables with their rows as lists and their SVG chart ('' when none)."""
    return [
        {
            "section": section,
            "tables": [
                {
                    "table": table,
                    "id": f"{prefix}-{s}-{t}",
                    "cells": [] if is_empty(table) else cells(table),
                    "chart": _chart(section, t - 1, table, f"{prefix}-{s}-{t}"),
                    "unfiltered": not narrowed,
                }
                for t, (table, narrowed) in enumerate(section.entries, start=1)
            ],
        }
        for s, section in enumerate(content.sections, start=1)
    ]


def render_report_pdf(content, *, report=None) -> bytes:
    context = {
        "content": content,
        "sections": charted(content),
        "report": report,
        "generated_at": timezone.localtime(),
    }
    html = render_to_string("performance/pdf/report.html", context)
    return HTML(string=html).write_pdf()
