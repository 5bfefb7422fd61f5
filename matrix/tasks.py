"""Celery entry points: they take ids and ISO strings, never model instances."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from iom.models import Scheme
from matrix.rescoring import rescore_scheme


@shared_task(name="matrix.rescore_scheme")
def rescore_scheme_task(scheme_id: int, as_of: str | None = None) -> int:
    """Re-score a scheme's nominals as of a date (today by default); safe to retry."""
    scheme = Scheme.objects.get(pk=scheme_id)
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return rescore_scheme(scheme, day)


@shared_task(name="matrix.rescore_all_schemes")
def rescore_all_schemes_task() -> dict:
    """For a nightly beat entry: today's snapshot for every scheme."""
    today = timezone.localdate()
    return {s.slug: rescore_scheme(s, today) for s in Scheme.objects.order_by("pk")}
