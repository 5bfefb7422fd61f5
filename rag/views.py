from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from iom.access import is_coordinator, nominal_for_user, staff_of
from rag import rules, selectors
from rag.forms import ConfirmForm
from rag.services import RagConflict, confirm_status


def _safe_next(request, target):
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def nominal_rag(request, pk):
    """Suggested and confirmed colour, the response it calls for, history; co-ordinators
    confirm here."""
    nominal = nominal_for_user(
        request.user, pk, request=request, description=f"RAG status of nominal {pk}"
    )
    may_confirm = is_coordinator(request.user)
    if request.method == "POST" and not may_confirm:
        raise PermissionDenied("Only IOM co-ordinators and administrators can confirm RAG status.")
    rag = selectors.nominal_rag(nominal)
    conflict = None
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                confirmed = confirm_status(
                    by=request.user,
                    nominal=nominal,
                    status=data["status"],
                    reason=data["reason"],
                    expected_version=data["version"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except RagConflict as exc:
                conflict = exc.message
                rag = selectors.nominal_rag(nominal)
                form = ConfirmForm({**request.POST.dict(), "version": rag.version})
                form.is_valid()
                form.add_error(None, conflict)
            else:
                messages.success(
                    request,
                    f"RAG status for {nominal.full_name} confirmed as "
                    f"{rules.LABELS[confirmed.status]}",
                )
                return redirect(
                    _safe_next(request, data["next"])
                    or reverse("rag:nominal", kwargs={"pk": nominal.pk})
                )
    else:
        form = ConfirmForm(
            initial={
                "status": rag.status.status if rag.status else rag.suggestion.status,
                "version": rag.version,
                "next": _safe_next(request, request.GET.get("next", "")) or "",
            }
        )
    return render(
        request,
        "rag/nominal.html",
        {
            "nominal": nominal,
            "rag": rag,
            "form": form if may_confirm else None,
        },
    )


def board(request):
    """The cohort at a glance, by confirmed colour, for tasking and panel: every count, the
    first rows of each colour, and one colour in full with ?status=<colour>."""
    keys = {colour or "none" for colour in (*selectors.BOARD_ORDER, None)}
    only = request.GET.get("status")
    only = only if only in keys else None
    groups = selectors.cohort_board(request.user, only=only)
    return render(
        request,
        "rag/board.html",
        {
            "groups": groups,
            "only": only,
            "only_group": next((g for g in groups if g.key == only), None),
            "total": sum(g.count for g in groups),
            "scheme": getattr(staff_of(request.user), "scheme", None),
        },
    )


def critical(request):
    """Critical cases (RED and AMBER ALERT, confirmed or suggested), for panel."""
    members = list(selectors.critical_cases(request.user))
    return render(
        request,
        "rag/critical.html",
        {"members": members, "may_confirm": is_coordinator(request.user)},
    )


def differences(request):
    """Suggestions that differ from the confirmed status: agenda items to confirm."""
    members = list(selectors.differences(request.user))
    return render(
        request,
        "rag/differences.html",
        {"members": members, "may_confirm": is_coordinator(request.user)},
    )
