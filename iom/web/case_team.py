"""Co-ordinators name partners (a person or a whole agency) on a nominal's case team."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from audit.models import CaseTeamPartner
from iom.access import is_coordinator, log_nominal_access, nominal_for_user
from iom.case_teams import add_partner, remove_partner, team_members
from iom.codes import CORE_AGENCY_KINDS, Role
from iom.models import Agency


class AddPartnerForm(forms.Form):
    """Either a person or an agency; police and probation staff see every nominal already."""

    user = forms.ModelChoiceField(
        label="A person",
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label="Choose a person",
    )
    agency = forms.ModelChoiceField(
        label="Or a whole agency",
        required=False,
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        help_text="All its staff join the case team, including anyone who joins the agency later.",
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(staff__scheme=scheme, is_active=True)
        partners = users.exclude(staff__agency__kind__in=CORE_AGENCY_KINDS).exclude(
            staff__role__in=[Role.COORDINATOR, Role.ADMINISTRATOR]
        )
        core_managers = users.filter(
            staff__agency__kind__in=CORE_AGENCY_KINDS, staff__role=Role.MANAGER
        )
        self.fields["user"].queryset = (
            (partners | core_managers)
            .select_related("staff__agency")
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.staff.agency})"
        )
        self.fields["agency"].queryset = Agency.objects.filter(scheme=scheme).exclude(
            kind__in=CORE_AGENCY_KINDS
        )

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("user")) == bool(data.get("agency")):
            self.add_error("user", "Choose either a person or an agency to add")
        return data


def case_team(request, pk):
    nominal = nominal_for_user(request.user, pk)
    if not is_coordinator(request.user):
        raise PermissionDenied("Only IOM co-ordinators and administrators manage case teams")
    log_nominal_access(
        request, nominal, description=f"Case team of nominal {nominal.pk}",
        on_case_team=nominal._on_case_team,
    )  # fmt: skip
    form = AddPartnerForm(
        request.POST if request.POST.get("action") == "add" else None, scheme=nominal.scheme
    )
    remove_error = None
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            remove_partner(by=request.user, nominal=nominal, partner_id=request.POST.get("partner"))
        except (ValidationError, ValueError):
            remove_error = "That partner is not named on this case team: reload the page"
        else:
            messages.success(request, "Removed from the case team")
            return redirect("nominal-case-team", nominal.pk)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = add_partner(
                by=request.user, nominal=nominal, user=data["user"], agency=data["agency"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else "user", errors)
        else:
            messages.success(request, f"{added} added to the case team")
            return redirect("nominal-case-team", nominal.pk)
    named = CaseTeamPartner.objects.filter(nominal=nominal).select_related(
        "user__staff__agency", "agency", "added_by"
    )
    return render(
        request,
        "iom/case_team.html",
        {
            "nominal": nominal,
            "form": form,
            "remove_error": remove_error,
            "members": team_members(nominal),
            "named": named,
        },
        status=400 if form.errors or remove_error else 200,
    )
