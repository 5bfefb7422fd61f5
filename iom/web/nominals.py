from django.http import Http404
from django.shortcuts import render

from iom.access import (
    can_read_intelligence_text,
    can_record,
    is_coordinator,
    log_search,
    may_break_glass,
    nominal_for_user,
)
from iom.selectors import nominal_timeline, parse_date, parse_keyset, search_nominals

PAGE_SIZE = 25
EVENTS_SHOWN = 50


def page_number(text) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and int(text) > 0 else 1


class ResultPage:
    """One page of search results read with LIMIT size + 1 and no COUNT(*): counting every
    match of a fuzzy search costs as much again as finding the page."""

    def __init__(self, results, number, size=PAGE_SIZE):
        start = (number - 1) * size
        rows = list(results[start : start + size + 1])
        self.number = number
        self.object_list = rows[:size]
        self.has_next = len(rows) > size
        self.has_previous = number > 1
        self.first = start + 1
        self.last = start + len(self.object_list)
        # Exact only when everything fits on the first page.
        self.count = len(self.object_list) if number == 1 and not self.has_next else None

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1


def nominal_search(request):
    """Find a nominal by name or alias (misspelling tolerated), PNC ID, CRN or date of birth."""
    query = request.GET.get("q", "").strip()
    dob_text = request.GET.get("dob", "").strip()
    date_of_birth = parse_date(dob_text) if dob_text else None
    errors = {}
    if dob_text and date_of_birth is None:
        errors["dob"] = "Enter the date of birth as a real date, like 27/3/1990"
    searched = bool(query or date_of_birth)
    page = None
    if searched and not errors:
        log_search(request, " ".join(filter(None, [query, f"dob={dob_text}" if dob_text else ""])))
        results = search_nominals(request.user, query, date_of_birth)
        page = ResultPage(results, page_number(request.GET.get("page")))
    return render(
        request,
        "iom/nominal_search.html",
        {
            "query": query,
            "dob": dob_text,
            "errors": errors,
            "searched": searched,
            "page": page,
            "can_record": can_record(request.user),
        },
    )


def nominal_detail(request, pk):
    try:
        nominal = nominal_for_user(request.user, pk, request=request)
    except Http404:
        if not may_break_glass(request.user):
            raise
        # Offered whatever the number, so the page confirms nothing about the nominal.
        return render(request, "iom/nominal_not_found.html", {"pk": pk}, status=404)
    break_glass = getattr(nominal, "_break_glass_reason", None) is not None
    before = parse_keyset(request.GET.get("before", ""))
    events = list(nominal_timeline(nominal, before)[: EVENTS_SHOWN + 1])
    older = events[EVENTS_SHOWN - 1] if len(events) > EVENTS_SHOWN else None
    events = events[:EVENTS_SHOWN]
    for event in events:
        event.show_text = can_read_intelligence_text(request.user, event)
    spells = nominal.memberships.select_related(
        "scheme", "level", "area", "lead_agency", "lead_professional", "police_officer"
    )
    return render(
        request,
        "iom/nominal_detail.html",
        {
            "nominal": nominal,
            "aliases": nominal.aliases.all(),
            "spells": spells,
            "events": events,
            "older": older,
            "paged": before is not None,
            "can_record": can_record(request.user) and not break_glass,
            "can_manage_team": is_coordinator(request.user) and not break_glass,
            "break_glass": break_glass,
        },
    )
