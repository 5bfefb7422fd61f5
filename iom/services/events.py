"""Recording events in a nominal's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iom.event_rules import ALL_EVENT_FIELDS, validate_event
from iom.models import Event
from iom.signals import events_recorded


@transaction.atomic
def record_event(*, by, nominal, kind: str, values: dict) -> Event:
    errors = validate_event(kind, values, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    fields = {f: values[f] for f in ALL_EVENT_FIELDS if values.get(f) not in (None, "")}
    event = Event.objects.create(nominal=nominal, kind=kind, recorded_by=by, **fields)
    events_recorded.send(sender=Event, nominal_ids=[nominal.pk])
    return event
