from django.conf import settings
from django.db import models

from rag import rules


class Colour(models.TextChoices):
    BLUE = rules.BLUE, rules.LABELS[rules.BLUE]
    RED = rules.RED, rules.LABELS[rules.RED]
    AMBER_ALERT = rules.AMBER_ALERT, rules.LABELS[rules.AMBER_ALERT]
    AMBER = rules.AMBER, rules.LABELS[rules.AMBER]
    GREEN = rules.GREEN, rules.LABELS[rules.GREEN]


class RagSuggestion(models.Model):
    """The colour the recorded facts suggest, kept current by rag.services.recompute_suggestions
    (written in SQL: keep rag/sql.py in step with this table)."""

    nominal = models.OneToOneField(
        "iom.Nominal", on_delete=models.CASCADE, primary_key=True, related_name="rag_suggestion"
    )
    status = models.CharField(max_length=20, choices=Colour.choices)
    reasons = models.JSONField(default=list, help_text="Reason codes, see rag/rules.py")
    as_of = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["status"], name="rag_suggestion_status")]

    def __str__(self):
        return f"{self.nominal_id}: suggested {self.get_status_display()}"


class RagStatus(models.Model):
    """The colour people confirmed (at tasking or panel). `version` guards against two people
    confirming over each other's decision."""

    nominal = models.OneToOneField(
        "iom.Nominal", on_delete=models.CASCADE, primary_key=True, related_name="rag_status"
    )
    status = models.CharField(max_length=20, choices=Colour.choices)
    confirmed_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "RAG status"
        verbose_name_plural = "RAG statuses"
        indexes = [models.Index(fields=["status"], name="rag_status_status")]

    def __str__(self):
        return f"{self.nominal_id}: {self.get_status_display()}"


class RagChange(models.Model):
    """Every confirmation, with who, when, why and what the facts suggested at the time."""

    nominal = models.ForeignKey("iom.Nominal", on_delete=models.CASCADE, related_name="rag_changes")
    from_status = models.CharField(max_length=20, choices=Colour.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Colour.choices)
    suggested = models.CharField(max_length=20, choices=Colour.choices, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    version = models.PositiveIntegerField()
    # The tasking meeting or panel that decided it; a foreign key once tasking has its models.
    meeting_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "RAG change"
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["nominal", "-changed_at"], name="rag_change_nominal")]

    def __str__(self):
        return f"{self.nominal_id}: {self.from_status or 'none'} to {self.to_status}"
