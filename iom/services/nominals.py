"""Writes to nominal records: validated, in one transaction, stamped with who did it."""

from datetime import date

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.models import Alias, Nominal

NOMINAL_FIELDS = (
    "first_names",
    "last_name",
    "date_of_birth",
    "gender",
    "pnc_id",
    "crn",
    "address",
    "contact_number",
    "primary_substance",
    "area",
    "is_ppo",
    "mappa_level",
    "current_sex_offender",
    "yos_high_risk",
)
SIMILAR_NAME_THRESHOLD = 0.45


def clean_identifiers(data: dict, *, exclude_pk=None, today: date | None = None) -> dict:
    """Normalise PNC ID and CRN in place; return {field: message} for any that is wrong or taken."""
    errors = {}
    for field, normalise, label in (
        ("pnc_id", normalise_pnc, "PNC ID"),
        ("crn", normalise_crn, "CRN"),
    ):
        raw = (data.get(field) or "").strip()
        if not raw:
            data[field] = None
            continue
        try:
            value = normalise(raw, today) if field == "pnc_id" else normalise(raw)
        except IdentifierError as exc:
            errors[field] = str(exc)
            continue
        data[field] = value
        taken = Nominal.objects.filter(**{field: value}).exclude(pk=exclude_pk)
        owner = taken.only("pk").first()
        if owner is not None:
            errors[field] = f"{label} {value} is already recorded for nominal {owner.pk}"
    return errors


def check_nominal(data: dict, *, exclude_pk=None) -> dict:
    """Identifier problems plus the rules a form or import could otherwise let through."""
    errors = clean_identifiers(data, exclude_pk=exclude_pk)
    born = data.get("date_of_birth")
    if isinstance(born, date) and born > timezone.localdate():
        errors["date_of_birth"] = "The date of birth must be in the past"
    return errors


def possible_duplicates(first_names, last_name, date_of_birth, *, exclude_pk=None):
    """Nominals with the same date of birth and a close name (or alias)."""
    if not (last_name and date_of_birth):
        return Nominal.objects.none()
    name = f"{first_names} {last_name}".strip().lower()
    return (
        Nominal.objects.filter(date_of_birth=date_of_birth)
        .exclude(pk=exclude_pk)
        .annotate(similarity=TrigramSimilarity("search_name", name))
        .filter(Q(similarity__gte=SIMILAR_NAME_THRESHOLD) | Q(aliases__name__trigram_similar=name))
        .distinct()
        .order_by("-similarity")[:5]
    )


def _set_aliases(nominal, aliases):
    names = sorted({a.strip() for a in aliases if a and a.strip()})
    nominal.aliases.exclude(name__in=names).delete()
    existing = set(nominal.aliases.values_list("name", flat=True))
    Alias.objects.bulk_create(Alias(nominal=nominal, name=n) for n in names if n not in existing)


@transaction.atomic
def create_nominal(*, by, scheme, data: dict, aliases=()) -> Nominal:
    data = dict(data)
    errors = check_nominal(data)
    if errors:
        raise ValidationError(errors)
    nominal = Nominal(
        scheme=scheme,
        created_by=by,
        updated_by=by,
        **{k: data[k] for k in NOMINAL_FIELDS if k in data},
    )
    nominal.full_clean(exclude=["created_by", "updated_by"])
    nominal.save()
    _set_aliases(nominal, aliases)
    return nominal


@transaction.atomic
def update_nominal(*, by, nominal: Nominal, data: dict, aliases=None) -> Nominal:
    data = dict(data)
    errors = check_nominal(data, exclude_pk=nominal.pk)
    if errors:
        raise ValidationError(errors)
    for key in NOMINAL_FIELDS:
        if key in data:
            setattr(nominal, key, data[key])
    nominal.updated_by = by
    nominal.full_clean(exclude=["created_by", "updated_by"])
    nominal.save()
    if aliases is not None:
        _set_aliases(nominal, aliases)
    return nominal
