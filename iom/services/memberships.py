"""Starting and ending spells on a scheme's cohort."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iom.case_teams import sync_case_team
from iom.models import Membership


@transaction.atomic
def start_membership(*, by, nominal, scheme, level, start, area=None, **extra) -> Membership:
    if level.scheme_id != scheme.id:
        raise ValidationError({"level": f"{level} is not a level of {scheme}"})
    current = Membership.objects.filter(nominal=nominal, scheme=scheme, end__isnull=True).first()
    if current is not None:
        raise ValidationError(
            {"nominal": f"{nominal} is already a member of {scheme} since {current.start:%d %b %Y}"}
        )
    overlapping = Membership.objects.filter(nominal=nominal, scheme=scheme, end__gte=start)
    if overlapping.exists():
        raise ValidationError({"start": "The spell would overlap an earlier spell on the scheme"})
    membership = Membership(
        nominal=nominal,
        scheme=scheme,
        level=level,
        start=start,
        area=area or nominal.area,
        created_by=by,
        **extra,
    )
    membership.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a concurrent start won the race
        raise ValidationError({"nominal": f"{nominal} is already a member of {scheme}"}) from None
    sync_case_team(nominal)
    return membership


@transaction.atomic
def end_membership(*, by, membership, end, reason, notes="") -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end is not None:
        raise ValidationError({"end": f"This spell already ended on {membership.end:%d %b %Y}"})
    if end > timezone.localdate():
        raise ValidationError({"end": "The exit date cannot be in the future"})
    if end < membership.start:
        raise ValidationError({"end": "The exit date must be on or after the start of the spell"})
    if not reason:
        raise ValidationError({"exit_reason": "Choose the reason for exit"})
    membership.end, membership.exit_reason, membership.exit_notes = end, reason, notes
    membership.save(update_fields=["end", "exit_reason", "exit_notes"])
    sync_case_team(membership.nominal)
    return membership
