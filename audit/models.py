"""The access log (append-only) and the partners named on a nominal's case team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from iom.history import track_changes


class Action(models.TextChoices):
    VIEW = "view", "Viewed a record"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    PDF = "pdf", "Printed a PDF"
    API_VIEW = "api_view", "Viewed a record (API)"
    API_SEARCH = "api_search", "Searched (API)"
    BREAK_GLASS = "break_glass", "Broke the glass"


class JustificationKind(models.TextChoices):
    CASE_TEAM = "case_team", "Case team"
    AREA_SCHEME = "area_scheme", "Scheme-wide role"
    MEETING = "meeting", "Meeting"
    BREAK_GLASS = "break_glass", "Break glass"
    REPORT = "report", "Report"


class AppendOnlyError(Exception):
    """The access log is evidence: rows are written once and never changed or removed."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Access log entries cannot be deleted.")


class AccessLogEntry(models.Model):
    """One access to personal data: who, when, what, and on what grounds.

    Foreign keys carry no database constraint and are never cascaded, so deleting a user or a
    nominal leaves the log as it was (a PostgreSQL trigger refuses UPDATE and DELETE)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=200, blank=True)
    nominal = models.ForeignKey(
        "iom.Nominal",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    query = models.CharField(max_length=500, blank=True)
    justification = models.TextField(blank=True)
    justification_kind = models.CharField(max_length=20, choices=JustificationKind.choices)
    path = models.CharField(max_length=500, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"
        indexes = [
            models.Index(fields=["user", "-at"], name="access_user_at"),
            models.Index(fields=["nominal", "-at"], name="access_nominal_at"),
            models.Index(fields=["action", "-at"], name="access_action_at"),
        ]

    def __str__(self):
        return f"{self.username} {self.action} {self.description} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access log entries cannot be deleted.")


@track_changes("CaseTeamPartnerHistory")
class CaseTeamPartner(models.Model):
    """A partner named on a nominal's case team by a co-ordinator: one user, or a whole agency
    (whose non-manager staff join the team). The case team's group is derived from these rows
    and the current spell (iom.case_teams.sync_case_team)."""

    nominal = models.ForeignKey(
        "iom.Nominal", on_delete=models.CASCADE, related_name="case_team_partners"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        "iom.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, agency__isnull=False)
                | models.Q(user__isnull=False, agency__isnull=True),
                name="case_team_partner_user_or_agency",
            ),
            models.UniqueConstraint(fields=["nominal", "user"], name="case_team_partner_user_once"),
            models.UniqueConstraint(
                fields=["nominal", "agency"], name="case_team_partner_agency_once"
            ),
        ]

    def __str__(self):
        return str(self.agency or self.user)

    def clean(self):
        if (self.user_id is None) == (self.agency_id is None):
            raise ValidationError("Name either one person or one agency.")
