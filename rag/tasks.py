from celery import shared_task

from rag.services import recompute_suggestions


@shared_task(name="rag.recompute_all")
def recompute_all() -> int:
    """Nightly: windows expire with the date (intelligence older than the window stops counting,
    custody and wanted spells end) without any new event. Idempotent: an upsert per nominal."""
    return recompute_suggestions()
