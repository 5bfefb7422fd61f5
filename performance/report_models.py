"""A generated performance report (PDF), made by a Celery task and kept for download.

One stored report per scheme, period and filters; asking again returns it. "Regenerate" is the
only way to a second one, and it is a new generation, so earlier copies stay as they were sent.
"""

from django.conf import settings
from django.db import models


class PerformanceReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    scheme = models.ForeignKey(
        "iom.Scheme", on_delete=models.PROTECT, related_name="performance_reports"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    filters = models.JSONField(default=dict, blank=True)
    # The filters in one canonical string, so the unique constraint can see them.
    filters_key = models.CharField(max_length=200, blank=True, default="")
    generation = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="reports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the monthly scheduled report.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        app_label = "performance"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "period_start", "period_end", "filters_key", "generation"],
                name="performance_report_once_per_generation",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="performance_report_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="performance_report_progress_0_100"
            ),
        ]
        indexes = [models.Index(fields=["scheme", "-created_at"], name="perf_report_scheme_recent")]

    def __str__(self):
        return f"{self.scheme} performance report {self.period_start} to {self.period_end}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self):
        suffix = f"-v{self.generation}" if self.generation > 1 else ""
        return (
            f"{self.scheme.slug}-performance-{self.period_start:%Y-%m-%d}-to-"
            f"{self.period_end:%Y-%m-%d}{suffix}.pdf"
        )
