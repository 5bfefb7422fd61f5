"""Telling people about referral decisions: an in-app notice and an email.

Emails leave the secure system, so they carry no personal data: only the referral number, the
outcome and a link to sign in and read it.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from referrals.models import Notification

logger = logging.getLogger(__name__)


def _send(subject, body, email):
    """After commit: a mail server that is down must not undo the decision, but is logged."""
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        logger.exception("Could not email a referral notice")


def _recipients(referral, actor):
    people = [referral.referred_by, referral.offender_manager]
    seen, result = set(), []
    for person in people:
        if person is None or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        result.append(person)
    return result


def notify_decision(referral, *, actor) -> list[Notification]:
    """Tell the referrer and the offender manager (when a user), but not whoever acted."""
    outcome = referral.get_status_display().lower()
    link = referral.get_absolute_url()
    text = f"Referral {referral.pk} of {referral.nominal} has been {outcome}."
    people = _recipients(referral, actor)
    notices = Notification.objects.bulk_create(
        Notification(user=person, text=text, link=link) for person in people
    )
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    for person in people:
        if person.email:
            transaction.on_commit(
                lambda email=person.email: _send(
                    f"OFFICIAL-SENSITIVE: IOM referral {referral.pk} {outcome}",
                    f"IOM referral {referral.pk} has been {outcome}.\n\n"
                    f"Sign in to read the decision and its reasons: {site}{link}\n",
                    email,
                )
            )
    return notices
