"""Break glass: a police or probation user opens a nominal of another scheme in an emergency,
after giving a reason. Logged, flagged to administrators, and open to this session only."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render

from audit.log import record_access
from audit.models import Action, JustificationKind
from audit.notifications import tell_administrators
from iom.access import (
    break_glass_minutes,
    grant_break_glass,
    may_break_glass,
    nominals_for_user,
)
from iom.models import Nominal


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record now?",
        help_text=(
            "Say what has happened and why it cannot wait, for example an arrest in your area. "
            "Administrators will read this."
        ),
        widget=forms.Textarea,
        min_length=10,
        max_length=1000,
        error_messages={
            "required": "Enter the reason you need to open this record",
            "min_length": "Give the reason in at least 10 characters",
            "max_length": "Give the reason in 1000 characters or fewer",
        },
    )


def break_glass(request, pk):
    if not may_break_glass(request.user):
        raise Http404("No such nominal")
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if nominals_for_user(request.user).filter(pk=pk).exists():
            return redirect("nominal-detail", pk)  # no need: the user may already see it
        nominal = Nominal.objects.filter(pk=pk).first()
        reason = form.cleaned_data["reason"].strip()
        if nominal is None:  # the attempt is on the record too
            record_access(
                request,
                action=Action.BREAK_GLASS,
                description=f"Break glass on nominal {pk}: no such nominal",
                justification=reason,
                justification_kind=JustificationKind.BREAK_GLASS,
            )
            raise Http404("No such nominal")
        entry = record_access(
            request,
            action=Action.BREAK_GLASS,
            nominal=nominal,
            description=f"Break glass on nominal {nominal.pk}",
            justification=reason,
            justification_kind=JustificationKind.BREAK_GLASS,
        )
        grant_break_glass(request, nominal, reason)
        tell_administrators(request, entry, nominal)
        return redirect("nominal-detail", nominal.pk)
    return render(
        request,
        "iom/break_glass.html",
        {"form": form, "pk": pk, "minutes": break_glass_minutes()},
        status=400 if form.errors else 200,
    )
