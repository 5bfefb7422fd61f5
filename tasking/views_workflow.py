"""Meeting page forms that decide referrals and confirm RAG colours (tasking/workflow.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from iom.access import nominal_for_user
from iom.models import Level
from rag.services import RagConflict
from referrals.selectors import referral_for_user
from referrals.services import ACCEPTABLE
from tasking import workflow
from tasking.decisions import QuorumNotMet
from tasking.forms import RagConfirmForm, ReferralDecisionForm
from tasking.page import page_choices
from tasking.views import _add_service_errors, _rerender, _writable_meeting, meeting_url


def _record(request, meeting, key, form, record):
    """Run the decision; a refusal (quorum, validation, a colour confirmed meanwhile) is shown
    on the item's form with the page's error summary."""
    try:
        decision = record()
    except QuorumNotMet as exc:
        form.add_error(None, exc.message)
    except RagConflict as exc:
        form.add_error(None, exc.message)
        # Offer the form again against the colour now confirmed, so a second try can succeed.
        form.data = form.data.copy()
        form.data[form.add_prefix("expected_version")] = exc.current.version if exc.current else 0
    except ValidationError as exc:
        _add_service_errors(form, exc)
    else:
        messages.success(request, f"Decision recorded: {decision}.")
        return redirect(f"{meeting_url(meeting)}#{key}")
    return _rerender(request, meeting, key, form)


@require_POST
def referral_decide(request, pk, referral_pk):
    meeting = _writable_meeting(request, pk)
    referral = referral_for_user(request.user, referral_pk)
    key = f"referral-{referral.pk}"
    form = ReferralDecisionForm(
        request.POST,
        prefix=key,
        choices=page_choices(meeting),
        acceptable=referral.decision in ACCEPTABLE,
    )
    if not form.is_valid():
        return _rerender(request, meeting, key, form)
    data = form.cleaned_data
    level = None
    if data["decision"] == "accept":
        level = get_object_or_404(Level, pk=data["level"], scheme_id=meeting.scheme_id)
    return _record(
        request,
        meeting,
        key,
        form,
        lambda: workflow.decide_referral(
            by=request.user,
            meeting=meeting,
            referral=referral,
            action=data["decision"],
            level=level,
            reason=data["reason"],
        ),
    )


@require_POST
def rag_confirm(request, pk, nominal_pk):
    meeting = _writable_meeting(request, pk)
    nominal = nominal_for_user(request.user, nominal_pk)
    key = f"rag-{nominal.pk}"
    form = RagConfirmForm(request.POST, prefix=key)
    if not form.is_valid():
        return _rerender(request, meeting, key, form)
    data = form.cleaned_data
    return _record(
        request,
        meeting,
        key,
        form,
        lambda: workflow.confirm_rag(
            by=request.user,
            meeting=meeting,
            nominal=nominal,
            status=data["status"],
            reason=data["reason"],
            expected_version=data["expected_version"],
        ),
    )
