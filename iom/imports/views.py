from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from iom.access import is_coordinator
from iom.imports.forms import KIND_CHOICES, KIND_HINTS, ImportForm
from iom.imports.service import KINDS, import_records

# A file with thousands of bad rows still gives a page that loads; the command lists them all.
MAX_ERRORS_SHOWN = 500


def _column_guide():
    return [
        {
            "kind": kind,
            "label": label,
            "hint": KIND_HINTS[kind],
            "columns": KINDS[kind].COLUMNS,
            "one_of": KINDS[kind].ONE_OF,
        }
        for kind, label in KIND_CHOICES
    ]


def upload(request):
    """Co-ordinators import a CSV file; any bad row means nothing is written."""
    if not is_coordinator(request.user):
        raise PermissionDenied("Only IOM co-ordinators may import records")
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
            result = import_records(
                kind, upload.read(), scheme=request.user.staff.scheme, user=request.user
            )
            if result.ok:
                messages.success(
                    request, f"Imported {kind} from {upload.name}: {result.summary()}."
                )
                return redirect("import-records")
    else:
        form = ImportForm()
    errors = result.errors if result else []
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "row_errors": errors[:MAX_ERRORS_SHOWN],
            "row_error_count": len(errors),
            "more_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "file_name": form.cleaned_data["file"].name if result else "",
            "guide": _column_guide(),
        },
    )
