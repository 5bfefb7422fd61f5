"""A nominal's change history: for anyone who may see the nominal (and logged as a view)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from audit.changes import nominal_changes
from iom.access import nominal_for_user

PAGE_SIZE = 50


def nominal_history(request, pk):
    nominal = nominal_for_user(
        request.user, pk, request=request, description=f"Change history of nominal {pk}"
    )
    page = Paginator(nominal_changes(nominal, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "iom/nominal_history.html", {"nominal": nominal, "page": page})
