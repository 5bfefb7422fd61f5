"""Queries for RAG pages and the API, each in a fixed number of round trips."""

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from iom.access import nominals_for_user, staff_of
from iom.models import Membership, Nominal
from rag import rules
from rag.models import RagChange, RagSuggestion
from rag.services import live_suggestion

# The board reads from the most urgent colour down; custody last.
BOARD_ORDER = (rules.RED, rules.AMBER_ALERT, rules.AMBER, rules.GREEN, rules.BLUE)


def current_members(user):
    """Current members of the user's scheme that the user may see, with their RAG rows, area
    and current spell (two queries when evaluated)."""
    staff = staff_of(user)
    if staff is None:
        return Nominal.objects.none()
    open_spell = Membership.objects.filter(
        nominal=OuterRef("pk"), scheme_id=staff.scheme_id, end__isnull=True
    )
    spells = Membership.objects.filter(scheme_id=staff.scheme_id, end__isnull=True).select_related(
        "level"
    )
    return (
        nominals_for_user(user)
        .filter(Exists(open_spell))
        .select_related(
            "area", "scheme", "rag_suggestion", "rag_status", "rag_status__confirmed_by"
        )
        .prefetch_related(Prefetch("memberships", queryset=spells, to_attr="current_spells"))
        .order_by("last_name", "first_names", "pk")
    )


def suggestion_of(nominal):
    return getattr(nominal, "rag_suggestion", None)


def status_of(nominal):
    return getattr(nominal, "rag_status", None)


def board_colour(nominal):
    """The confirmed colour, else the suggested one; None when neither exists yet."""
    status, suggestion = status_of(nominal), suggestion_of(nominal)
    if status is not None:
        return status.status
    return suggestion.status if suggestion is not None else None


# Rows shown per colour on the board; the rest are a link away (?status=<colour>).
BOARD_ROWS_PER_COLOUR = 50
TAG_CLASSES = {
    rules.BLUE: "",
    rules.RED: "govuk-tag--red",
    rules.AMBER_ALERT: "govuk-tag--orange",
    rules.AMBER: "govuk-tag--yellow",
    rules.GREEN: "govuk-tag--green",
}


@dataclass(slots=True)
class BoardRow:
    """One member on the board, flat: read by .values(), no model instances to build."""

    pk: int
    first_names: str
    last_name: str
    pnc_id: str | None
    area: str | None
    levels: str | None
    suggested: str | None
    confirmed: str | None
    confirmed_at: object

    @property
    def colour(self):
        return self.confirmed if self.confirmed is not None else self.suggested


@dataclass
class BoardGroup:
    colour: str | None
    members: list = field(default_factory=list)  # the rows shown
    count: int = 0
    unconfirmed: int = 0

    @property
    def label(self):
        return rules.LABELS.get(self.colour, "No suggestion yet")

    @property
    def response(self):
        return rules.RESPONSES.get(self.colour, "")

    @property
    def tag_class(self):
        return TAG_CLASSES.get(self.colour, "govuk-tag--grey")

    @property
    def key(self):
        return self.colour or "none"

    @property
    def hidden(self):
        return self.count - len(self.members)


def board_rows(user):
    """Current members as flat rows (name, area, levels of open spells, colours), one query."""
    staff = staff_of(user)
    if staff is None:
        return []
    open_spells = Membership.objects.filter(
        nominal=OuterRef("pk"), scheme_id=staff.scheme_id, end__isnull=True
    )
    levels = (
        open_spells.order_by()
        .values("nominal")
        .annotate(names=StringAgg("level__name", ", ", order_by=("start", "pk")))
        .values("names")
    )
    rows = (
        nominals_for_user(user)
        .filter(Exists(open_spells))
        .order_by("last_name", "first_names", "pk")
        .values_list(
            "pk", "first_names", "last_name", "pnc_id", "area__name",
        )
        .annotate(
            levels=Subquery(levels),
            suggested=F("rag_suggestion__status"),
            confirmed=F("rag_status__status"),
            confirmed_at=F("rag_status__confirmed_at"),
        )
    )  # fmt: skip
    return [BoardRow(*row) for row in rows]


def cohort_board(user, only: str | None = None, limit: int | None = None):
    """The cohort grouped by confirmed colour (unconfirmed members under their suggestion):
    every count, and up to `limit` rows of each colour (all of colour `only`, and no others,
    when it is given: "none" for members with no suggestion yet)."""
    limit = BOARD_ROWS_PER_COLOUR if limit is None else limit
    groups = {colour: BoardGroup(colour) for colour in (*BOARD_ORDER, None)}
    for row in board_rows(user):
        group = groups[row.colour]
        group.count += 1
        group.unconfirmed += row.confirmed is None
        if only is not None:
            if group.key == only:
                group.members.append(row)
        elif len(group.members) < limit:
            group.members.append(row)
    return [g for g in groups.values() if g.colour is not None or g.count]


def critical_cases(user):
    """Members confirmed or suggested RED or AMBER ALERT."""
    critical = rules.CRITICAL
    return current_members(user).filter(
        Q(rag_status__status__in=critical) | Q(rag_suggestion__status__in=critical)
    )


def differences(user):
    """Members whose suggestion differs from their confirmed status, or who have none yet:
    each is an agenda item for tasking."""
    return current_members(user).filter(
        Q(rag_status__isnull=True) | ~Q(rag_status__status=F("rag_suggestion__status")),
        rag_suggestion__isnull=False,
    )


@dataclass
class NominalRag:
    nominal: Nominal
    suggestion: RagSuggestion | rules.Suggestion
    suggested_at: object  # when it was computed (None for a live computation)
    as_of: object
    status: object
    history: list

    @property
    def window_days(self):
        return self.nominal.scheme.intelligence_window_days

    @property
    def reasons(self):
        return [rules.reason_text(code, self.window_days) for code in self.suggestion.reasons]

    @property
    def suggested_response(self):
        return rules.RESPONSES[self.suggestion.status]

    @property
    def confirmed_response(self):
        return rules.RESPONSES[self.status.status] if self.status else ""

    @property
    def version(self):
        return self.status.version if self.status else 0

    @property
    def differs(self):
        return self.status is not None and self.status.status != self.suggestion.status


def nominal_rag(nominal):
    """The stored suggestion (or, before the first recompute, one computed now from events),
    the confirmed status and the history."""
    nominal = (
        Nominal.objects.select_related(
            "scheme", "rag_suggestion", "rag_status", "rag_status__confirmed_by"
        )
    ).get(pk=nominal.pk)
    suggestion = suggestion_of(nominal)
    if suggestion is None:
        today = timezone.localdate()
        computed, suggested_at, as_of = live_suggestion(nominal, today), None, today
    else:
        computed, suggested_at, as_of = suggestion, suggestion.computed_at, suggestion.as_of
    history = list(
        RagChange.objects.filter(nominal=nominal)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )
    return NominalRag(nominal, computed, suggested_at, as_of, status_of(nominal), history)
