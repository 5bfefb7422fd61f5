"""Queries the pages and the API need, in a fixed number of round trips."""

import re
from datetime import date, datetime

from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Greatest

from iom.access import nominals_for_user
from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.models import Alias, Event, Membership

_CRN_LIKE = re.compile(r"^[A-Za-z]\s*\d{6}$")
_PNC_LIKE = re.compile(r"^\d{2}(\d{2})?/?\d{1,7}[A-Za-z]$")


def parse_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def with_list_details(queryset):
    """What a list row shows: area and the current spell with its level, in two queries."""
    current = Membership.objects.filter(end__isnull=True).select_related("level", "scheme")
    return queryset.select_related("area").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_spells"),
        Prefetch("aliases", queryset=Alias.objects.order_by("name")),
    )


def search_nominals(user, query: str = "", date_of_birth: date | None = None):
    """Nominals this user may see matching a name or alias (misspelling tolerated), a PNC ID in
    any accepted form, a CRN or a date of birth; best matches first."""
    nominals = nominals_for_user(user)
    text = (query or "").strip()
    if date_of_birth:
        nominals = nominals.filter(date_of_birth=date_of_birth)
    if not text:
        return with_list_details(nominals.order_by("last_name", "first_names", "pk"))
    if _PNC_LIKE.match(text.replace(" ", "")):
        try:
            return with_list_details(nominals.filter(pnc_id=normalise_pnc(text)))
        except IdentifierError:
            return nominals.none()
    if _CRN_LIKE.match(text):
        return with_list_details(nominals.filter(crn=normalise_crn(text)))
    typed_date = parse_date(text)
    if typed_date:
        return with_list_details(nominals.filter(date_of_birth=typed_date).order_by("last_name"))
    name = text.lower()
    alias_match = Alias.objects.filter(nominal=OuterRef("pk")).filter(
        Q(name__trigram_similar=name) | Q(name__icontains=name)
    )
    matches = (
        nominals.annotate(
            score=Greatest(
                TrigramSimilarity("search_name", name), TrigramWordSimilarity(name, "search_name")
            )
        )
        .filter(
            Q(search_name__trigram_similar=name)
            | Q(search_name__trigram_word_similar=name)
            | Q(search_name__contains=name)
            | Exists(alias_match)
        )
        .order_by("-score", "last_name", "pk")
    )
    return with_list_details(matches)


def nominal_timeline(nominal):
    """The nominal's events, newest first, with who recorded each."""
    return (
        Event.objects.filter(nominal=nominal).select_related("recorded_by").order_by("-date", "-id")
    )
