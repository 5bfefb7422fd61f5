"""A nominal's change history, read from the pghistory event tables: who changed what, when.

Fixed queries: one per tracked table (nominal, aliases, events, spells) with its context, then
one per kind of name shown (areas, levels, agencies, users). Intelligence text the reader may
not see (handling code C, non-police) is withheld here as on the record itself."""

from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from iom.access import can_read_intelligence_text
from iom.codes import EventKind, HandlingCode
from iom.models import Agency, Area, Level

HIDDEN = {
    "id",
    "ref",
    "nominal",
    "scheme",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "recorded_at",
    "recorded_by",
    "search_name",
}
WITHHELD = "Withheld (intelligence handling code C)"
LABELS = {"insert": "Added", "update": "Changed", "delete": "Deleted"}
# (pghistory event model, what its rows are, the column naming the nominal)
SOURCES = [
    ("NominalHistory", "details", "pgh_obj_id"),
    ("AliasHistory", "alias", "nominal_id"),
    ("EventHistory", "event", "nominal_id"),
    ("MembershipHistory", "spell", "nominal_id"),
]
NAMED = {Area: "area", Level: "level", Agency: "agency"}


@dataclass
class Change:
    at: datetime
    order: tuple
    action: str
    record: str
    who: str
    how: str
    fields: list = field(default_factory=list)  # (label, before, after)


def _tracked_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if not f.name.startswith("pgh_") and f.name not in HIDDEN
    ]


def _show(f, value, names):
    if value is None or value == "":
        return "–"
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y H:i")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    return str(value)


def _record_label(kind, row):
    if kind == "details":
        return "Details"
    if kind == "alias":
        return f"Alias “{row.name}”"
    if kind == "event":
        return f"{EventKind(row.kind).label if row.kind in EventKind.values else row.kind} on " + (
            date_format(row.date, "j M Y") if row.date else "?"
        )
    return "Spell from " + (date_format(row.start, "j M Y") if row.start else "?")


def _names(rows_by_model):
    """One query per related model: {(model, pk): display name}."""
    wanted = {}
    for model, rows in rows_by_model.items():
        for f in _tracked_fields(model):
            if f.is_relation:
                ids = {getattr(r, f.attname) for r in rows} - {None}
                wanted.setdefault(f.related_model, set()).update(ids)
        for r in rows:
            metadata = r.pgh_context.metadata if r.pgh_context_id else {}
            if isinstance(metadata.get("user"), int):
                wanted.setdefault(get_user_model(), set()).add(metadata["user"])
    names = {}
    for model, ids in wanted.items():
        if not ids:
            continue
        for obj in model.objects.filter(pk__in=ids):
            if model is get_user_model():
                names[(model, obj.pk)] = obj.get_full_name() or obj.get_username()
            else:
                names[(model, obj.pk)] = str(obj)
    return names


def _who(row, names):
    metadata = row.pgh_context.metadata if row.pgh_context_id else {}
    user = metadata.get("user")
    if user is not None:
        return names.get((get_user_model(), user)) or metadata.get("username") or f"user {user}"
    return metadata.get("username") or "the system"


def _how(row):
    metadata = row.pgh_context.metadata if row.pgh_context_id else {}
    return str(metadata.get("source") or metadata.get("via") or "")


def nominal_changes(nominal, reader):
    """Every recorded insert, update and delete of the nominal and its records, newest first."""
    rows_by_model = {}
    kinds = {}
    for model_name, kind, column in SOURCES:
        model = apps.get_model("iom", model_name)
        rows_by_model[model] = list(
            model.objects.filter(**{column: nominal.pk})
            .select_related("pgh_context")
            .order_by("pgh_id")
        )
        kinds[model] = kind
    names = _names(rows_by_model)
    changes = []
    for model, rows in rows_by_model.items():
        kind = kinds[model]
        tracked = _tracked_fields(model)
        withheld = set()
        if kind == "event" and not can_read_intelligence_text(
            reader, SimpleNamespace(kind=EventKind.INTELLIGENCE, handling_code=HandlingCode.C)
        ):
            withheld = {
                r.id
                for r in rows
                if r.kind == EventKind.INTELLIGENCE and r.handling_code == HandlingCode.C
            }
        previous = {}
        for row in rows:
            before = previous.get(row.id)
            shown = []
            for f in tracked:
                new = getattr(row, f.attname)
                old = getattr(before, f.attname) if before is not None else None
                if row.pgh_label == "update" and old == new:
                    continue
                if row.pgh_label == "insert" and new in (None, ""):
                    continue
                old_text, new_text = _show(f, old, names), _show(f, new, names)
                if f.name == "summary" and row.id in withheld:
                    old_text = new_text = WITHHELD
                label = str(f.verbose_name)
                if row.pgh_label == "delete":
                    shown.append((label, new_text, "–"))
                elif row.pgh_label == "insert":
                    shown.append((label, "–", new_text))
                else:
                    shown.append((label, old_text, new_text))
            previous[row.id] = row
            if row.pgh_label == "update" and not shown:
                continue
            changes.append(
                Change(
                    at=row.pgh_created_at,
                    order=(row.pgh_created_at, row.pgh_id),
                    action=LABELS.get(row.pgh_label, row.pgh_label),
                    record=_record_label(kind, row),
                    who=_who(row, names),
                    how=_how(row),
                    fields=shown,
                )
            )
    changes.sort(key=lambda c: c.order, reverse=True)
    return changes
