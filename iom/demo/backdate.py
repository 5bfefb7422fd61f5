"""Putting the demo's past decisions at the time they were taken.

The services record "now"; a demo of three weeks of meetings needs each decision, attendance
and transition at its meeting. The times are collected while the services run and written
afterwards, set-based (one bulk_update per model and field).
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

BATCH = 1000


def at(day: date, minutes: int = 0, start=time(10, 0)) -> datetime:
    """An aware time on `day`, `minutes` after the start of a morning meeting."""
    naive = datetime.combine(day, start) + timedelta(minutes=minutes)
    return timezone.make_aware(naive)


class Backdater:
    def __init__(self):
        self._times = defaultdict(dict)  # (model, field) -> {pk: datetime}

    def set(self, model, pk, field, when: datetime):
        self._times[(model, field)][pk] = when

    def set_many(self, model, pks, field, when: datetime):
        for pk in pks:
            self.set(model, pk, field, when)

    def apply(self):
        for (model, field), times in self._times.items():
            rows = [model(pk=pk, **{field: when}) for pk, when in times.items()]
            model.objects.bulk_update(rows, [field], batch_size=BATCH)
        self._times.clear()
