"""Needs assessments (LLR pathways) and the unit costs of offences used for cost savings."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from iom.codes import OFFENCE_CHOICES, PATHWAYS

PATHWAY_CHOICES = list(PATHWAYS.items())


class NeedsAssessment(models.Model):
    """One assessment of a member's needs on a date; its scores are NeedScore rows, one per
    pathway, so the needs table is a single GROUP BY pathway."""

    membership = models.ForeignKey(
        "iom.Membership", on_delete=models.CASCADE, related_name="needs_assessments"
    )
    date = models.DateField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["membership", "date"], name="needs_membership_date")]

    def __str__(self):
        return f"Needs assessment on {self.date:%d %b %Y}"


class NeedScore(models.Model):
    """A pathway's score, 1–10 (10 = most severe need); null = no need identified."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="scores")
    pathway = models.CharField(max_length=30, choices=PATHWAY_CHOICES)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        ordering = ["assessment", "pathway"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "pathway"], name="one_score_per_pathway"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=10),
                name="need_score_1_10",
            ),
        ]

    def __str__(self):
        return f"{self.get_pathway_display()}: {self.score or '–'}"


class OffenceUnitCost(models.Model):
    """What one offence of a category costs society (Home Office unit costs), for the
    Derbyshire cost-saving measure. Rows without a scheme are the national figures; a scheme's
    own row for a category replaces them for that scheme's offence codes."""

    scheme = models.ForeignKey(
        "iom.Scheme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="offence_unit_costs",
        help_text="Leave blank for the national figure used by every scheme.",
    )
    category = models.CharField(max_length=80)
    offence_codes = ArrayField(
        models.CharField(max_length=40, choices=OFFENCE_CHOICES),
        help_text="The offence codes this category covers.",
    )
    unit_cost = models.DecimalField("unit cost (£)", max_digits=10, decimal_places=2)
    source = models.TextField(blank=True)
    is_placeholder = models.BooleanField(
        default=False, help_text="Tick when the figure has not been checked against its source."
    )

    class Meta:
        ordering = ["scheme__name", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "category"],
                nulls_distinct=False,
                name="unit_cost_category_unique",
            ),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="unit_cost_not_negative"),
        ]

    def __str__(self):
        return f"{self.category}: £{self.unit_cost:,.2f}"

    def clean(self):
        """An offence code may be costed by one category only (per scheme, and nationally)."""
        if not self.offence_codes:
            return
        clash = (
            OffenceUnitCost.objects.filter(
                scheme=self.scheme, offence_codes__overlap=self.offence_codes
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash:
            shared = sorted(set(clash.offence_codes) & set(self.offence_codes))
            raise ValidationError(
                {"offence_codes": f"{', '.join(shared)} already costed under {clash.category}"}
            )


class NeedsPolicy(models.Model):
    """A scheme's needs-assessment policy beyond Scheme.needs_review_months."""

    scheme = models.OneToOneField(
        "iom.Scheme", on_delete=models.CASCADE, related_name="needs_policy"
    )
    overdue_days = models.PositiveSmallIntegerField(
        default=14, help_text="An assessment is overdue this many days after it fell due."
    )

    class Meta:
        verbose_name_plural = "needs policies"

    def __str__(self):
        return f"Needs policy of {self.scheme}"


from performance.report_models import PerformanceReport  # noqa: E402, F401
