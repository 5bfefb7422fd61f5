"""The one place access-log rows are written. Callers say what was accessed and why; the
request supplies who, where from and which page."""

from audit.models import AccessLogEntry

MAX_QUERY = 500
MAX_PATH = 500


def _client_ip(request):
    # The address the request came from; behind a proxy, configure it to set REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    request,
    *,
    action,
    justification_kind,
    justification="",
    nominal=None,
    subject=None,
    description="",
    query="",
):
    """Append one row. `subject` is the record opened (a nominal, a referral …); its
    description is short and never carries intelligence text."""
    user = request.user if request.user.is_authenticated else None
    subject = subject if subject is not None else nominal
    object_type = object_id = ""
    if subject is not None:
        object_type = subject._meta.label_lower
        object_id = str(subject.pk)
        if not description:
            description = f"{subject._meta.verbose_name.capitalize()} {subject.pk}"
    return AccessLogEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        description=_printable(description)[:200],
        nominal=nominal,
        query=_printable(query or "")[:MAX_QUERY],
        justification=justification,
        justification_kind=justification_kind,
        path=request.get_full_path()[:MAX_PATH],
        ip=_client_ip(request),
    )


def _printable(text: str) -> str:
    """PostgreSQL text cannot hold NUL; a typed or fuzzed query must still be logged."""
    return text.replace("\x00", "")
