"""A referral to the IOM scheme (Derbyshire Strategy Appendix A), its decision and notices."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


class Need(models.TextChoices):
    """The pathways the referral form's checklist counts for the partner route."""

    ACCOMMODATION = "accommodation", "Accommodation"
    ETE = "ete", "Education, training or employment"
    DRUGS = "drugs", "Drugs"
    ALCOHOL = "alcohol", "Alcohol"


class Decision(models.TextChoices):
    EXCLUDED = "excluded", "Excluded"
    AUTOMATIC = "automatic", "Automatic registration (Tier 1)"
    TIER_2 = "tier_2", "Tier 2: professional judgement at daily tasking"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (Status.SUBMITTED, Status.AWAITING_DECISION)
OGRS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(99)]


class Referral(models.Model):
    scheme = models.ForeignKey("iom.Scheme", on_delete=models.PROTECT, related_name="referrals")
    nominal = models.ForeignKey("iom.Nominal", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField("date of referral")
    current_offence_details = models.TextField(
        "details of current offence(s) and / or issues of current concern"
    )
    relevant_factors = models.TextField(blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referring_agency = models.ForeignKey("iom.Agency", on_delete=models.PROTECT, related_name="+")
    # Probation only on the paper form: who supervises the offender.
    offender_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_managed",
    )
    offender_manager_name = models.CharField(max_length=120, blank=True)
    offender_manager_phone = models.CharField(
        "offender manager contact number", max_length=30, blank=True
    )
    ogrs_1yr = models.PositiveSmallIntegerField(
        "OGRS3 score (12 months)", null=True, blank=True, validators=OGRS_VALIDATORS
    )
    ogrs_2yr = models.PositiveSmallIntegerField(
        "OGRS3 score (24 months)", null=True, blank=True, validators=OGRS_VALIDATORS
    )
    current_orders = models.TextField("current orders / licences", blank=True)
    previously_on_panel = models.BooleanField("previously subject to the PPO / IOM panel")
    needs = ArrayField(
        models.CharField(max_length=20, choices=Need.choices), default=list, blank=True
    )
    risk_to_community = models.TextField(blank=True)
    transfer_from_other_area = models.BooleanField(
        "PPO / IOM transfer from another area", default=False
    )
    exceptional_circumstances = models.TextField(blank=True)

    # The eligibility result when the referral was submitted (referrals/eligibility.py).
    decision = models.CharField("eligibility", max_length=20, choices=Decision.choices)
    tier = models.PositiveSmallIntegerField(null=True, blank=True)
    reasons = ArrayField(models.CharField(max_length=40), default=list, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    # Automatic registrations are reported to the next daily tasking for information.
    for_information = models.BooleanField("for information at tasking", default=False)
    membership = models.OneToOneField(
        "iom.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referral_date", "-id"]
        indexes = [models.Index(fields=["scheme", "status"], name="referral_scheme_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["nominal", "scheme"],
                condition=models.Q(status__in=["submitted", "awaiting_decision"]),
                name="one_open_referral_per_nominal",
                violation_error_message="This nominal already has an open referral.",
            ),
            models.CheckConstraint(
                condition=models.Q(ogrs_1yr__lte=99) & models.Q(ogrs_2yr__lte=99),
                name="referral_ogrs_0_99",
            ),
        ]

    def __str__(self):
        return f"Referral {self.pk} of {self.nominal}"

    def get_absolute_url(self):
        return reverse("referral-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class ReferralTransition(models.Model):
    """One step of a referral's workflow: who moved it, when and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


class Notification(models.Model):
    """An in-app notice to one user, with a link to what it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "read"], name="notification_user_read")]

    def __str__(self):
        return self.text[:60]
