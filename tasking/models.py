from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Meeting(models.Model):
    """A daily tasking meeting or a panel of one scheme; its agenda is generated, not stored."""

    class Kind(models.TextChoices):
        DAILY = "daily", "Daily tasking"
        PANEL = "panel", "Panel"

    scheme = models.ForeignKey("iom.Scheme", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DAILY)
    date = models.DateField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["scheme", "kind", "date"], name="meeting_scheme_kind_date")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%d %b %Y}"


class Attendance(models.Model):
    """One person present: a user of the service or a named guest, with their agency."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=160, blank=True)
    agency = models.ForeignKey("iom.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["agency__name", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="attendance_user_or_name",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="attendance_user_once",
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("name"),
                condition=models.Q(user__isnull=True),
                name="attendance_name_once",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.agency})"

    @property
    def display_name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.name


class Decision(models.Model):
    """What a meeting decided about one nominal, with who and why. Referrals and RAG add kinds."""

    class Kind(models.TextChoices):
        EXIT = "exit", "Exit from the cohort"
        RETAIN = "retain", "Retain on the cohort"
        SET_LEAD = "set_lead", "Lead agency and professionals"
        ACCEPT_REFERRAL = "accept_referral", "Accept referral"
        REJECT_REFERRAL = "reject_referral", "Reject referral"
        CONFIRM_RAG = "confirm_rag", "Confirm RAG status"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    nominal = models.ForeignKey("iom.Nominal", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        "iom.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exit_review = models.ForeignKey(
        "ExitReview", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        indexes = [models.Index(fields=["membership", "kind"], name="decision_membership_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.nominal}"


class Action(models.Model):
    """A task a meeting gives someone; overdue ones come back on the next agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    nominal = models.ForeignKey(
        "iom.Nominal", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("iom.Agency", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(
                fields=["due_date"],
                name="action_open_due",
                condition=models.Q(completed_at__isnull=True),
            )
        ]

    def __str__(self):
        return self.description[:60]


class ExitReview(models.Model):
    """The six-month review of a spell, created by the scheduled job with its proposal."""

    class Proposal(models.TextChoices):
        EXIT = "exit", "Exit: no charge or conviction in the period"
        RETAIN = "retain", "Retain: re-offended"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        EXITED = "exited", "Exited"
        RETAINED = "retained", "Retained"

    membership = models.ForeignKey(
        "iom.Membership", on_delete=models.PROTECT, related_name="exit_reviews"
    )
    due_date = models.DateField()
    proposal = models.CharField(max_length=10, choices=Proposal.choices)
    # [{"id", "kind", "offence", "date", "offence_date"}] for the charges and convictions found.
    offences = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "due_date"], name="exit_review_once_per_due_date"
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="exit_review_status_due")]

    def __str__(self):
        return f"Exit review due {self.due_date:%d %b %Y} ({self.get_status_display()})"
