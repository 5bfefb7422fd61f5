from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from iom.access import is_coordinator, nominal_for_user, nominals_for_user, staff_of
from matrix.forms import AsOfForm
from matrix.models import MatrixSettings
from matrix.selectors import candidates, nominal_matrix, offence_label

PAGE_SIZE = 50


def nominal_matrix_page(request, pk):
    """The Derbyshire IOM matrix for one nominal, laid out like the paper form."""
    nominal = nominal_for_user(
        request.user, pk, request=request, description=f"Matrix of nominal {pk}"
    )
    form = AsOfForm(request.GET, today=timezone.localdate())
    context = {"nominal": nominal, "form": form, "matrix": None}
    if form.is_valid():
        matrix = nominal_matrix(nominal, form.cleaned_data["as_of"])
        context.update(
            matrix=matrix,
            convictions=sum(r.convictions for r in matrix.offences),
            arrests=sum(r.arrests for r in matrix.offences),
            unmatched=[(u, offence_label(u.code)) for u in matrix.unmatched],
            intelligence_and_arrests=matrix.intelligence_score + matrix.arrests_score,
        )
    return render(request, "matrix/nominal.html", context)


def candidates_page(request):
    """Co-ordinators: nominals not on the cohort whose latest matrix total calls for a look."""
    if not is_coordinator(request.user):
        raise PermissionDenied("Only IOM co-ordinators can see matrix candidates.")
    staff = staff_of(request.user)
    policy = MatrixSettings.objects.filter(scheme_id=staff.scheme_id).first()
    threshold = policy.discretion_from if policy else MatrixSettings().discretion_from
    ascending = request.GET.get("sort") == "total"
    rows = candidates(staff.scheme, nominals_for_user(request.user), threshold, not ascending)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "matrix/candidates.html",
        {
            "page": page,
            "threshold": threshold,
            "ascending": ascending,
        },
    )
