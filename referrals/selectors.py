"""Referrals a user may see: those of the nominals they may see (iom.access)."""

from django.http import Http404

from iom.access import nominals_for_user
from referrals.models import Decision, Referral, Status


def referrals_for_user(user):
    return Referral.objects.filter(nominal__in=nominals_for_user(user))


def referral_list(user, status: str = ""):
    """One query for the rows (paginated), whatever their number."""
    referrals = referrals_for_user(user).select_related(
        "nominal", "referring_agency", "referred_by"
    )
    if status in Status.values:
        referrals = referrals.filter(status=status)
    return referrals.order_by("-referral_date", "-id")


def referral_for_user(user, pk):
    """The referral with what its page shows, or Http404 when the user may not see it."""
    try:
        return (
            referrals_for_user(user)
            .select_related(
                "scheme",
                "nominal",
                "referring_agency",
                "referred_by",
                "offender_manager",
                "membership__level",
            )
            .get(pk=pk)
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral") from None


def referral_history(referral):
    return referral.transitions.select_related("by").order_by("at", "id")


def awaiting_decision(user):
    """For the tasking agenda: referrals waiting for a decision, oldest first."""
    return (
        referrals_for_user(user)
        .filter(status=Status.AWAITING_DECISION)
        .select_related("nominal", "referring_agency", "referred_by")
        .order_by("referral_date", "id")
    )


def accepted_for_information(user, since, as_of):
    """For the tasking agenda: automatic registrations made after `since` up to `as_of`."""
    return (
        referrals_for_user(user)
        .filter(
            for_information=True,
            decision=Decision.AUTOMATIC,
            membership__start__gt=since,
            membership__start__lte=as_of,
        )
        .select_related("nominal", "membership__level")
        .order_by("membership__start", "id")
    )
