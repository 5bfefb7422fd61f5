"""Recording needs assessments: validated, in one transaction, with who assessed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iom.codes import PATHWAYS
from performance.models import NeedsAssessment, NeedScore


def validate_scores(scores: dict) -> dict[str, str]:
    """{pathway: message} for any score that is not blank or a whole number 1–10."""
    errors = {}
    for pathway, score in scores.items():
        if pathway not in PATHWAYS:
            errors[pathway] = f"Unknown pathway '{pathway}': use one of {', '.join(PATHWAYS)}"
        elif score is not None and (
            isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10
        ):
            errors[pathway] = f"{PATHWAYS[pathway]} must be a whole number from 1 to 10, or blank"
    return errors


@transaction.atomic
def record_needs_assessment(*, by, membership, date, scores: dict, notes="") -> NeedsAssessment:
    """Every pathway gets a row (blank = no need identified), so the needs table's
    'assessments' count is the same for each pathway."""
    errors = validate_scores(scores)
    if date is None:
        errors["date"] = "Enter the date of the assessment"
    elif date > timezone.localdate():
        errors["date"] = "The date of the assessment cannot be in the future"
    elif date < membership.start or (membership.end is not None and date > membership.end):
        until = f"{membership.end:%d %b %Y}" if membership.end else "now"
        errors["date"] = (
            f"The date must be within the spell on the scheme ({membership.start:%d %b %Y} "
            f"to {until})"
        )
    if errors:
        raise ValidationError(errors)
    assessment = NeedsAssessment.objects.create(
        membership=membership, date=date, assessor=by, notes=notes
    )
    NeedScore.objects.bulk_create(
        NeedScore(assessment=assessment, pathway=pathway, score=scores.get(pathway))
        for pathway in PATHWAYS
    )
    return assessment
