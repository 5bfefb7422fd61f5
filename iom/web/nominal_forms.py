"""Adding a nominal (with a check for someone already recorded) and editing their details."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from iom.access import (
    can_record,
    log_nominal_access,
    nominal_for_user,
    nominals_for_user,
    staff_of,
)
from iom.forms.nominals import NewNominalForm, NominalForm
from iom.services.nominals import create_nominal, possible_duplicates, update_nominal


def _require_recorder(user):
    if not can_record(user):
        raise PermissionDenied("Your role cannot add or change records")


def nominal_create(request):
    _require_recorder(request.user)
    scheme = staff_of(request.user).scheme
    data = request.POST if request.method == "POST" else None
    form = NewNominalForm(data, scheme=scheme)
    duplicates, hidden_duplicates = [], False
    if request.method == "POST" and form.is_valid():
        data = form.nominal_data()
        matches = [
            m.pk
            for m in possible_duplicates(
                data["first_names"], data["last_name"], data["date_of_birth"]
            )
        ]
        if matches and not form.cleaned_data["different_person"]:
            # Only the matches this user may see are named; the rest are only hinted at.
            duplicates = list(
                nominals_for_user(request.user).filter(pk__in=matches).order_by("last_name")
            )
            hidden_duplicates = len(duplicates) < len(matches)
        else:
            try:
                nominal = create_nominal(
                    by=request.user,
                    scheme=scheme,
                    data=data,
                    aliases=form.cleaned_data["aliases"],
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, f"{nominal.full_name} has been added")
                if nominals_for_user(request.user).filter(pk=nominal.pk).exists():
                    return redirect("nominal-detail", nominal.pk)
                return redirect("nominal-search")
    return render(
        request,
        "iom/nominal_form.html",
        {
            "form": form,
            "nominal": None,
            "duplicates": duplicates,
            "hidden_duplicates": hidden_duplicates,
        },
    )


def nominal_edit(request, pk):
    nominal = nominal_for_user(request.user, pk)
    _require_recorder(request.user)
    log_nominal_access(
        request,
        nominal,
        description=f"Edit nominal {nominal.pk}",
        on_case_team=nominal._on_case_team,
    )
    data = request.POST if request.method == "POST" else None
    form = NominalForm(data, scheme=nominal.scheme, nominal=nominal)
    if request.method == "POST" and form.is_valid():
        try:
            update_nominal(
                by=request.user,
                nominal=nominal,
                data=form.nominal_data(),
                aliases=form.cleaned_data["aliases"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Details saved")
            return redirect("nominal-detail", nominal.pk)
    return render(request, "iom/nominal_form.html", {"form": form, "nominal": nominal})
