"""Telling administrators that someone broke the glass."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from iom.codes import Role


def administrators_to_tell(*scheme_ids):
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            staff__role=Role.ADMINISTRATOR,
            staff__scheme_id__in=[s for s in scheme_ids if s],
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def tell_administrators(request, entry, nominal):
    """An email to the administrators of both schemes once the row is committed. It names the
    user and the record number, not the nominal or any of their data."""
    staff = getattr(request.user, "staff", None)
    recipients = administrators_to_tell(nominal.scheme_id, getattr(staff, "scheme_id", None))
    if not recipients:
        return
    try:
        link = request.build_absolute_uri(reverse("audit:break-glass"))
    except NoReverseMatch:  # audit.urls not mounted yet
        link = "the break-glass list of the access log"
    body = (
        f"{entry.username} broke the glass to open nominal {nominal.pk} "
        f"at {entry.at:%Y-%m-%d %H:%M} UTC.\n\n"
        f"Reason given:\n{entry.justification}\n\n"
        f"Review it in the break-glass list: {link}\n"
    )
    subject = f"Break glass: {entry.username} opened nominal {nominal.pk}"

    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
