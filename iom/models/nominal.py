from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower

from iom.codes import Gender
from iom.expressions import Sound
from iom.history import track_changes


@track_changes("NominalHistory", exclude=["search_name"])
class Nominal(models.Model):
    """A person known to the scheme. Identifiers are stored in their canonical form."""

    scheme = models.ForeignKey("iom.Scheme", on_delete=models.PROTECT, related_name="nominals")
    area = models.ForeignKey(
        "iom.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="nominals"
    )
    first_names = models.CharField(max_length=120)
    last_name = models.CharField(max_length=120)
    # Computed by PostgreSQL, so bulk imports keep it right too; searched with pg_trgm.
    search_name = models.GeneratedField(
        expression=Lower(Concat("first_names", Value(" "), "last_name")),
        output_field=models.CharField(max_length=241),
        db_persist=True,
    )
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    pnc_id = models.CharField("PNC ID", max_length=13, unique=True, null=True, blank=True)
    crn = models.CharField("CRN", max_length=7, unique=True, null=True, blank=True)
    address = models.TextField(blank=True)
    contact_number = models.CharField(max_length=30, blank=True)
    primary_substance = models.CharField(max_length=60, blank=True)
    is_ppo = models.BooleanField("PPO", default=False)
    mappa_level = models.PositiveSmallIntegerField(
        "MAPPA level", default=0, choices=[(0, "None"), (1, "1"), (2, "2"), (3, "3")]
    )
    current_sex_offender = models.BooleanField(default=False)
    yos_high_risk = models.BooleanField("YOS high risk of re-offending", default=False)
    ref = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["last_name", "first_names"]
        indexes = [
            GinIndex(OpClass("search_name", name="gin_trgm_ops"), name="nominal_name_trgm"),
            models.Index(fields=["date_of_birth"], name="nominal_dob"),
            models.Index(fields=["scheme", "last_name"], name="nominal_scheme_name"),
            # "Is this nominal of that scheme?" (iom.access for staff who see their whole
            # scheme) answered from the index alone, one probe per row joined.
            models.Index(fields=["scheme", "id"], name="nominal_scheme_pk"),
            # Surnames that sound like a word typed into the search.
            models.Index(F("scheme"), Sound("last_name"), name="nominal_scheme_sound"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mappa_level__lte=3), name="nominal_mappa_level_0_3"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_names} {self.last_name}".strip()


@track_changes("AliasHistory")
class Alias(models.Model):
    nominal = models.ForeignKey(Nominal, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=241)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        indexes = [
            GinIndex(OpClass(Lower("name"), name="gin_trgm_ops"), name="alias_name_trgm"),
        ]

    def __str__(self):
        return self.name
