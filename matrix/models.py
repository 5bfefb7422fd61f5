from django.core.exceptions import ValidationError
from django.db import models

from iom.codes import OFFENCE_CHOICES
from matrix.scoring import DECISION_LABELS


class MatrixSettings(models.Model):
    """A scheme's matrix policy (Strategy Appendix B), seeded with the Derbyshire 2015 values."""

    scheme = models.OneToOneField(
        "iom.Scheme", on_delete=models.CASCADE, related_name="matrix_settings"
    )
    offence_window_months = models.PositiveSmallIntegerField(
        default=24, help_text="Convictions and arrests for the offence rows count over this window."
    )
    intelligence_recent_days = models.PositiveSmallIntegerField(
        default=28, help_text="First intelligence band: received 0 to this many days ago."
    )
    intelligence_older_days = models.PositiveSmallIntegerField(
        default=56, help_text="Second band: from the day after the first band to this many days."
    )
    high_grade_score = models.PositiveSmallIntegerField(
        default=5, help_text="Points per high-grade record (A1–B2, or 1A/1B)."
    )
    other_grade_score = models.PositiveSmallIntegerField(
        default=3, help_text="Points per other intelligence record (C1–E5 and the rest)."
    )
    arrest_window_months = models.PositiveSmallIntegerField(default=12)
    arrest_score = models.PositiveSmallIntegerField(default=6, help_text="Points per arrest.")
    compliance_window_months = models.PositiveSmallIntegerField(default=24)
    compliance_lower_threshold = models.PositiveSmallIntegerField(
        default=3, help_text="More than this many breaches or recalls scores the lower weighting."
    )
    compliance_lower_score = models.PositiveSmallIntegerField(default=5)
    compliance_upper_threshold = models.PositiveSmallIntegerField(
        default=6, help_text="More than this many also scores the upper weighting."
    )
    compliance_upper_score = models.PositiveSmallIntegerField(default=10)
    discretion_from = models.PositiveSmallIntegerField(
        default=80, help_text="Total from which the decision is professional discretion."
    )
    panel_from = models.PositiveSmallIntegerField(
        default=90, help_text="Total from which the nominal goes to panel."
    )

    class Meta:
        verbose_name = "matrix settings"
        verbose_name_plural = "matrix settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    intelligence_older_days__gt=models.F("intelligence_recent_days")
                ),
                name="matrix_intelligence_bands_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(panel_from__gt=models.F("discretion_from")),
                name="matrix_panel_above_discretion",
            ),
        ]

    def __str__(self):
        return f"Matrix settings for {self.scheme}"

    def clean(self):
        errors = {}
        if self.intelligence_older_days <= self.intelligence_recent_days:
            errors["intelligence_older_days"] = "The second band must end after the first."
        if self.panel_from <= self.discretion_from:
            errors["panel_from"] = "The panel total must be above the discretion total."
        if errors:
            raise ValidationError(errors)


class OffenceWeight(models.Model):
    """One offence row of a scheme's matrix; offences without a row score 0."""

    scheme = models.ForeignKey(
        "iom.Scheme", on_delete=models.CASCADE, related_name="matrix_offence_weights"
    )
    offence = models.CharField(max_length=40, choices=OFFENCE_CHOICES)
    weight = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=60, help_text="The form's heading, e.g. Violence.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the form.")

    class Meta:
        ordering = ["scheme", "position", "offence"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "offence"], name="matrix_offence_weight_unique_in_scheme"
            )
        ]

    def __str__(self):
        return f"{self.get_offence_display()} ({self.weight})"


class MatrixSnapshot(models.Model):
    """A nominal's matrix total as of a date, written by the bulk re-scoring."""

    scheme = models.ForeignKey("iom.Scheme", on_delete=models.CASCADE, related_name="+")
    nominal = models.ForeignKey(
        "iom.Nominal", on_delete=models.CASCADE, related_name="matrix_snapshots"
    )
    as_of = models.DateField()
    offences_score = models.PositiveIntegerField()
    intelligence_score = models.PositiveIntegerField()
    arrests_score = models.PositiveIntegerField()
    compliance_score = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    decision = models.CharField(max_length=30, choices=list(DECISION_LABELS.items()))
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-as_of", "-total"]
        constraints = [
            models.UniqueConstraint(fields=["nominal", "as_of"], name="matrix_snapshot_unique")
        ]
        indexes = [models.Index(fields=["scheme", "as_of", "total"], name="matrix_snapshot_scheme")]

    def __str__(self):
        return f"{self.nominal_id} as of {self.as_of}: {self.total}"
