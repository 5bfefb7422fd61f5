from django.conf import settings
from django.db import models

from iom.codes import ExitReason
from iom.history import track_changes


@track_changes("MembershipHistory")
class Membership(models.Model):
    """A spell on a scheme's cohort: from start until exit. A nominal may re-join later."""

    nominal = models.ForeignKey("iom.Nominal", on_delete=models.PROTECT, related_name="memberships")
    scheme = models.ForeignKey("iom.Scheme", on_delete=models.PROTECT, related_name="memberships")
    level = models.ForeignKey("iom.Level", on_delete=models.PROTECT, related_name="memberships")
    area = models.ForeignKey(
        "iom.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    exit_reason = models.CharField(max_length=30, choices=ExitReason.choices, blank=True)
    exit_notes = models.TextField(blank=True)
    lead_agency = models.ForeignKey(
        "iom.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    police_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ref = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-start"]
        indexes = [models.Index(fields=["scheme", "start", "end"], name="membership_scheme_dates")]
        constraints = [
            models.UniqueConstraint(
                fields=["nominal", "scheme"],
                condition=models.Q(end__isnull=True),
                name="one_open_spell_per_scheme",
                violation_error_message="This nominal is already a member of the scheme.",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | ~models.Q(exit_reason=""),
                name="membership_exit_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.nominal} on {self.scheme} from {self.start:%d %b %Y}"

    @property
    def is_open(self):
        return self.end is None
