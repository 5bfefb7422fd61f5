"""The managers' performance dashboard: every measure with its definition, chart and table.

For managers, IOM co-ordinators and administrators of the user's scheme; other roles get 403.
The filter form is GET, so a filtered dashboard can be bookmarked and shared.
"""

from django import forms
from django.shortcuts import render
from django.utils import timezone

from audit.log import record_access
from audit.models import Action, JustificationKind
from performance.pdf import charted
from performance.report_data import ReportFilters, build_report, default_period
from performance.reports import EARLIEST, require_report_reader


class ReportFilterForm(forms.Form):
    """Level, area and period; used by the dashboard (GET) and the report request (POST)."""

    level = forms.ChoiceField(label="Level", required=False)
    area = forms.ChoiceField(label="Area", required=False)
    period_start = forms.DateField(
        label="Period from",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2025-04-01",
        error_messages={
            "required": "Enter the first day of the period",
            "invalid": "Enter the first day of the period as a real date, like 2025-04-01",
        },
    )
    period_end = forms.DateField(
        label="Period to",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2026-03-31",
        error_messages={
            "required": "Enter the last day of the period",
            "invalid": "Enter the last day of the period as a real date, like 2026-03-31",
        },
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.levels = {level.code: level for level in scheme.levels.all()}
        self.areas = {area.code: area for area in scheme.areas.all()}
        self.fields["level"].choices = [("", "All levels")] + [
            (code, level.name) for code, level in self.levels.items()
        ]
        self.fields["area"].choices = [("", "All areas")] + [
            (code, area.name) for code, area in self.areas.items()
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and start < EARLIEST:
            self.add_error(
                "period_start", f"The period must start on or after {EARLIEST:%-d %B %Y}"
            )
        if end and end > timezone.localdate():
            self.add_error("period_end", "The period must end today or in the past")
        if start and end and end < start:
            self.add_error("period_end", "The period must end on or after the day it starts")
        return data

    def filters(self) -> ReportFilters:
        data = self.cleaned_data
        return ReportFilters(
            data["period_start"],
            data["period_end"],
            level=self.levels.get(data.get("level") or ""),
            area=self.areas.get(data.get("area") or ""),
        )


def log_report_access(request, *, action, description, subject=None):
    """One access-log row for aggregate figures (dashboard, report PDF, measures API): they
    name no nominal, so the row carries none; the ground is the reader's role."""
    return record_access(
        request,
        action=action,
        subject=subject,
        description=description,
        query=request.GET.urlencode(),
        justification="aggregate report",
        justification_kind=JustificationKind.REPORT,
    )


def initial_filters(today=None) -> dict:
    start, end = default_period(today or timezone.localdate())
    return {"period_start": start.isoformat(), "period_end": end.isoformat()}


def dashboard(request):
    staff = require_report_reader(request.user)
    scheme = staff.scheme
    data = request.GET.copy() if request.GET else None
    if data is not None:
        for key, value in initial_filters().items():
            data.setdefault(key, value)
    form = ReportFilterForm(data or initial_filters(), scheme=scheme)
    content = sections = None
    if form.is_valid():
        content = build_report(scheme, form.filters())
        sections = charted(content, prefix="chart")
    log_report_access(request, action=Action.VIEW, description="Performance dashboard")
    return render(
        request,
        "performance/dashboard.html",
        {
            "scheme": scheme,
            "form": form,
            "content": content,
            "sections": sections,
        },
    )
