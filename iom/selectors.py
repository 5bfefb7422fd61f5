"""Queries the pages and the API need, in a fixed number of round trips."""

import re
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Greatest, Lower

from iom.access import nominals_for_user
from iom.expressions import AnyOf, Sound
from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.models import Alias, Event, Membership

_CRN_LIKE = re.compile(r"^[A-Za-z]\s*\d{6}$")
_PNC_LIKE = re.compile(r"^\d{2}(\d{2})?/?\d{1,7}[A-Za-z]$")
# A shorter word's code is a letter or two ("jo" gives J), shared by too many surnames.
MIN_SOUND_LETTERS = 3


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
    return with_list_details(_name_matches(nominals, text.lower()))


def _name_matches(nominals, name):
    """Best score first, scored only over _candidates, in one statement: `pk = ANY(ARRAY(...))`
    makes PostgreSQL collect the candidates once and fetch each by primary key."""
    score = Greatest(
        TrigramSimilarity("search_name", name), TrigramWordSimilarity(name, "search_name")
    )
    return (
        nominals.filter(AnyOf(F("pk"), ArraySubquery(_candidates(nominals, name))))
        .annotate(score=score)
        .order_by("-score", "last_name", "pk")
    )


def _candidates(nominals, name):
    """Ids of visible nominals whose name or an alias is like `name`: a UNION of branches, each
    served by an index, so only a few hundred nominals are scored, not the whole scheme.

    Branches: a word of the name close to a word typed (trigram word similarity); the whole name
    close to the text typed (trigram similarity); the text typed inside the name; a surname that
    sounds like a word typed (Double Metaphone: 'Jon Smyth' and 'smyth' find John Smith); an
    alias like the text typed. The nominal branches carry the scheme filter, which PostgreSQL
    ANDs with the trigram index given realistic operator costs (iom.planner_costs)."""
    aliases = Alias.objects.annotate(lower_name=Lower("name")).filter(
        Q(lower_name__trigram_similar=name) | Q(lower_name__contains=name)
    )
    branches = [
        nominals.filter(search_name__trigram_word_similar=name),
        nominals.filter(search_name__trigram_similar=name),
        nominals.filter(search_name__contains=name),
    ]
    words = [word for word in name.split() if len(word) >= MIN_SOUND_LETTERS]
    if words:
        sounds = reduce(or_, (Q(sound=Sound(Value(word))) for word in words))
        branches.append(nominals.annotate(sound=Sound("last_name")).filter(sounds))
    ids = [branch.order_by().values("pk") for branch in branches]
    return ids[0].union(*ids[1:], aliases.order_by().values("nominal_id"))


def nominal_timeline(nominal, before: tuple[date, int] | None = None):
    """The nominal's events, newest first, with who recorded each; with `before` (date, id),
    only those older than that event: a keyset page served by the event_timeline index."""
    events = Event.objects.filter(nominal=nominal)
    if before is not None:
        day, pk = before
        events = events.filter(Q(date__lt=day) | Q(date=day, id__lt=pk))
    return events.select_related("recorded_by").order_by("-date", "-id")


def parse_keyset(text: str) -> tuple[date, int] | None:
    """'2024-01-31,123' (an event's date and id) from an "older events" link, or None."""
    day, _, pk = (text or "").partition(",")
    try:
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None
