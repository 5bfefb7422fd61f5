"""Access-log queries for administrators: their scheme's rows, filtered, in fixed queries."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from audit.models import AccessLogEntry, Action


def log_for_scheme(scheme_id):
    """Rows about this scheme: accesses by its staff, and accesses to its nominals."""
    return AccessLogEntry.objects.filter(
        Q(user__staff__scheme_id=scheme_id) | Q(nominal__scheme_id=scheme_id)
    ).select_related("nominal")


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(entries, data):
    """Apply the cleaned filter form; dates are whole days in UK time."""
    if data.get("user"):
        entries = entries.filter(username=data["user"].strip())
    if data.get("nominal"):
        entries = entries.filter(nominal_id=data["nominal"])
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("justification_kind"):
        entries = entries.filter(justification_kind=data["justification_kind"])
    if data.get("date_from"):
        entries = entries.filter(at__gte=_start_of(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(at__lt=_start_of(data["date_to"] + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def break_glass_entries(scheme_id):
    return log_for_scheme(scheme_id).filter(action=Action.BREAK_GLASS).order_by("-at", "-id")
