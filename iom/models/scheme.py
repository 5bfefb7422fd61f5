from django.conf import settings
from django.db import models

from iom.codes import AgencyKind, Role


class Scheme(models.Model):
    """One IOM partnership, with the numbers its policy sets (editable in the admin)."""

    class Policy(models.TextChoices):
        DERBYSHIRE_2015 = "derbyshire_2015", "Derbyshire 2015 (OGRS tiers)"
        LONDON = "london", "London (OGRS bands)"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    policy = models.CharField(max_length=30, choices=Policy.choices, default=Policy.DERBYSHIRE_2015)
    ogrs_automatic_threshold = models.PositiveSmallIntegerField(
        default=90, help_text="OGRS3 2-year score at or above which registration is automatic."
    )
    ogrs_discretion_threshold = models.PositiveSmallIntegerField(
        default=80, help_text="OGRS3 2-year score at or above which professional judgement applies."
    )
    liberty_window_months = models.PositiveSmallIntegerField(
        default=6, help_text="A conviction is needed within this many months spent at liberty."
    )
    intelligence_window_days = models.PositiveSmallIntegerField(
        default=28, help_text="RAG: intelligence received within this many days counts."
    )
    tasking_meetings_per_week = models.PositiveSmallIntegerField(default=3)
    quorum_agencies = models.PositiveSmallIntegerField(default=3)
    exit_review_months = models.PositiveSmallIntegerField(default=6)
    needs_review_months = models.PositiveSmallIntegerField(default=3)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A district or local delivery area within a scheme (e.g. an NPA)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="areas")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["scheme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="area_code_unique_in_scheme")
        ]

    def __str__(self):
        return self.name


class Level(models.Model):
    """A level of management within a scheme (PPO / IOM; Standard / Enhanced / Priority)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="levels")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scheme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="level_code_unique_in_scheme")
        ]

    def __str__(self):
        return self.name


class Agency(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=30, choices=AgencyKind.choices)

    class Meta:
        ordering = ["scheme", "name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="agency_name_unique_in_scheme")
        ]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """Who a user is in the partnership: their agency, scheme and role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="staff")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=30, choices=Role.choices)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} ({self.agency})"
