"""Scheduled jobs of tasking (the beat entry is in the database, django_celery_beat)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from tasking.exit_reviews import run_exit_reviews


@shared_task(name="tasking.run_exit_reviews")
def run_exit_reviews_task(as_of: str | None = None) -> int:
    """Daily: create the exit reviews due by today. Safe to run twice or concurrently."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return len(run_exit_reviews(day))
