"""GET /api/v1/nominals/{id}/matrix/?as_of=YYYY-MM-DD: the matrix breakdown as JSON."""

import re
from datetime import date

from django.utils import timezone
from rest_framework.response import Response
from rest_framework.views import APIView

from iom.access import nominal_for_user
from matrix.selectors import nominal_matrix

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_as_of(text, today):
    """(date, None) or (None, message)."""
    if text is None or text == "":
        return today, None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        as_of = date.fromisoformat(text)
    except ValueError:
        return None, "Enter as_of as a real date in the form YYYY-MM-DD, like 2024-03-27"
    if as_of > today:
        return None, "as_of cannot be in the future"
    return as_of, None


def _window(window):
    return {"from": window.start.isoformat(), "to": window.end.isoformat()}


def breakdown_json(nominal, m):
    return {
        "nominal": nominal.pk,
        "as_of": m.as_of.isoformat(),
        "offences": [
            {
                "code": r.code,
                "weight": r.weight,
                "convictions": r.convictions,
                "arrests": r.arrests,
                "score": r.score,
            }
            for r in m.offences
        ],
        "offences_score": m.offences_score,
        "unmatched": [
            {"code": u.code, "convictions": u.convictions, "arrests": u.arrests}
            for u in m.unmatched
        ],
        "intelligence": [
            {"band": b.band, "high_grade": b.high_grade, "other": b.other, "score": b.score}
            for b in m.intelligence
        ],
        "intelligence_score": m.intelligence_score,
        "arrests_12m": m.arrests_12m,
        "arrests_score": m.arrests_score,
        "breaches_24m": m.breaches_24m,
        "compliance_score": m.compliance_score,
        "total": m.total,
        "decision": m.decision,
        "windows": {
            "offences": _window(m.offence_window),
            "intelligence": {b.band: _window(b.window) for b in m.intelligence},
            "arrests": _window(m.arrest_window),
            "compliance": _window(m.compliance_window),
        },
    }


class NominalMatrixView(APIView):
    def get(self, request, pk):
        nominal = nominal_for_user(
            request.user,
            pk,
            request=request,
            action="api_view",
            description=f"Matrix of nominal {pk}",
        )
        as_of, error = parse_as_of(request.query_params.get("as_of"), timezone.localdate())
        if error:
            return Response({"as_of": [error]}, status=400)
        return Response(breakdown_json(nominal, nominal_matrix(nominal, as_of)))
