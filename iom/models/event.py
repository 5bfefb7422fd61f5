from django.conf import settings
from django.db import models

from iom.codes import (
    OFFENCE_CHOICES,
    ArrestOutcome,
    EngagementService,
    EngagementStatus,
    EventKind,
    HandlingCode,
    WantedType,
)
from iom.history import track_changes


@track_changes("EventHistory")
class Event(models.Model):
    """One entry in a nominal's history. Which fields each kind carries: iom/event_rules.py."""

    nominal = models.ForeignKey("iom.Nominal", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    offence = models.CharField(max_length=40, choices=OFFENCE_CHOICES, blank=True)
    offence_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=ArrestOutcome.choices, blank=True)
    grade = models.CharField(max_length=2, blank=True)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, blank=True)
    suggests_offending = models.BooleanField(null=True, blank=True)
    summary = models.TextField(blank=True)
    wanted_type = models.CharField(max_length=20, choices=WantedType.choices, blank=True)
    expected_release = models.DateField(null=True, blank=True)
    order_type = models.CharField(max_length=80, blank=True)
    statutory = models.BooleanField(null=True, blank=True)
    service = models.CharField(max_length=20, choices=EngagementService.choices, blank=True)
    status = models.CharField(max_length=20, choices=EngagementStatus.choices, blank=True)
    ref = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["nominal", "kind", "date"], name="event_nominal_kind_date"),
            models.Index(fields=["nominal", "-date", "-id"], name="event_timeline"),
            models.Index(fields=["kind", "date"], name="event_kind_date"),
            # Releases due (agendas): the few open custody spells, by expected release.
            models.Index(
                fields=["expected_release"],
                include=["nominal"],
                condition=models.Q(kind="custody", end_date__isnull=True),
                name="event_open_custody_release",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="event_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%d %b %Y}"
