"""Referral pages: thin views over referrals.services and referrals.selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from iom.access import (
    can_record,
    is_coordinator,
    log_nominal_access,
    log_search,
    nominal_for_user,
    staff_of,
)
from iom.selectors import search_nominals
from referrals.forms import DecisionForm, ReferralForm
from referrals.models import Decision, Need, Status
from referrals.selectors import referral_for_user, referral_history, referral_list
from referrals.services import (
    ACCEPTABLE,
    ReferralRefused,
    decide_referral,
    policy_for,
    refuse_if_member_or_referred,
    submit_referral,
)
from referrals.wording import describe_reason

PAGE_SIZE = 25
SEARCH_LIMIT = 20


def _add_service_errors(form, exc: ValidationError, hidden=()):
    for field, errors in exc.message_dict.items():
        shown = field in form.fields and field not in hidden
        form.add_error(field if shown else None, errors)


def referral_list_view(request):
    status = request.GET.get("status", "")
    page = Paginator(referral_list(request.user, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "status": status if status in Status.values else "",
            "statuses": Status.choices,
            "can_refer": can_record(request.user),
        },
    )


def _choose_nominal(request):
    """No nominal given: let the user find one by name, alias, PNC ID or CRN."""
    query = request.GET.get("q", "").strip()
    if query:
        log_search(request, query, description="Nominal search (referral)")
    results = list(search_nominals(request.user, query)[:SEARCH_LIMIT]) if query else None
    return render(request, "referrals/choose_nominal.html", {"query": query, "results": results})


def referral_new(request):
    if not can_record(request.user):
        raise PermissionDenied("Your role may not make referrals")
    nominal_id = request.POST.get("nominal") or request.GET.get("nominal")
    if not nominal_id:
        return _choose_nominal(request)
    nominal = nominal_for_user(
        request.user, nominal_id, request=request, description="Referral of nominal"
    )
    scheme = staff_of(request.user).scheme
    form = ReferralForm(
        request.POST or None, scheme=scheme, initial={"referral_date": timezone.localdate()}
    )
    refused = None
    try:
        refuse_if_member_or_referred(nominal, scheme)
    except ReferralRefused as exc:
        refused = exc
    if request.method == "POST" and refused is None and form.is_valid():
        try:
            referral = submit_referral(by=request.user, nominal=nominal, data=form.service_data())
        except ReferralRefused as exc:
            refused = exc
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"Referral {referral.pk} submitted")
            return redirect(referral)
    return render(
        request,
        "referrals/new.html",
        {"nominal": nominal, "form": form, "refused": refused},
    )


def _matrix_url(referral):
    """The nominal's matrix page, when the matrix capability provides one."""
    try:
        return reverse("matrix-nominal", args=[referral.nominal_id])
    except NoReverseMatch:
        return None


def _detail(request, referral, decision_form=None, decision_action="", status=200):
    user = request.user
    policy = policy_for(referral.scheme)
    coordinator = is_coordinator(user)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "nominal": referral.nominal,
            "reasons": [(code, describe_reason(code, policy)) for code in referral.reasons],
            "matrix_url": _matrix_url(referral) if referral.decision == Decision.TIER_2 else None,
            "history": referral_history(referral),
            "can_decide": coordinator and referral.is_open,
            "can_accept": coordinator and referral.is_open and referral.decision in ACCEPTABLE,
            "needs_text": ", ".join(Need(need).label for need in referral.needs),
            "can_withdraw": referral.is_open
            and (coordinator or referral.referred_by_id == user.pk),
            "levels": referral.scheme.levels.order_by("order", "name"),
            "decision_form": decision_form,
            "decision_action": decision_action,
        },
        status=status,
    )


def _referral(request, pk):
    """The referral (404 if its nominal is not the user's to see), with the access logged."""
    referral = referral_for_user(request.user, pk)
    log_nominal_access(request, referral.nominal, subject=referral)
    return referral


def referral_detail(request, pk):
    return _detail(request, _referral(request, pk))


@require_POST
def referral_decide(request, pk):
    referral = _referral(request, pk)
    form = DecisionForm(request.POST, scheme=referral.scheme)
    action = request.POST.get("action", "")
    if form.is_valid():
        data = form.cleaned_data
        try:
            decide_referral(
                by=request.user,
                referral=referral,
                action=data["action"],
                reason=data["reason"],
                level=data["level"] if data["action"] == "accept" else None,
            )
        except ValidationError as exc:
            _add_service_errors(form, exc, hidden=("action",))
        else:
            referral.refresh_from_db(fields=["status"])
            messages.success(
                request, f"Referral {referral.pk} {referral.get_status_display().lower()}"
            )
            return redirect(referral)
    return _detail(request, referral, form, action, status=400)
