"""Importing cohort spells. Each row describes a spell completely; a row whose ref is already
recorded updates that spell (a spell ends, its level changes), identical rows are left alone."""

from dataclasses import dataclass, field

from iom.case_teams import sync_case_teams
from iom.codes import ExitReason
from iom.imports.lookup import NOMINAL_COLUMNS, chunks, resolve_nominals
from iom.imports.parsing import CellError, Column, RowError, parse_choice, parse_date
from iom.models import Membership, Nominal

# Rows per INSERT: the change-history triggers slow down on larger statements (events.py).
BATCH = 5000
COLUMNS = [
    Column("ref"),
    *(Column(name) for name in NOMINAL_COLUMNS),
    Column("level", required=True),
    Column("start", required=True),
    Column("end"),
    Column("exit_reason"),
    Column("exit_notes"),
    Column("area"),
]
ONE_OF = NOMINAL_COLUMNS
FIELDS = ("level_id", "start", "end", "exit_reason", "exit_notes", "area_id")


@dataclass
class Spell:
    line: int
    ref: str | None
    nominal_id: int
    values: dict  # FIELDS -> value


@dataclass
class Plan:
    scheme: object
    creates: list[Spell] = field(default_factory=list)
    updates: list[tuple[int, Spell]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> tuple[int, int, int]:
        """(created, updated, unchanged)"""
        return len(self.creates), len(self.updates), self.unchanged


def _code(text, known: dict, what: str):
    """The id for a level or area code (any case); `known` maps lower-case code -> (id, code)."""
    if text.lower() not in known:
        codes = ", ".join(sorted(code for _, code in known.values()))
        hint = f"use one of {codes}" if codes else "the scheme has none set up"
        raise CellError(f"Unknown {what} '{text}': {hint}")
    return known[text.lower()][0]


def _parse(row, nominal_id, lookups, today, errors) -> Spell | None:
    levels, areas, nominal_area = lookups
    values, line = {}, row.line
    readers = {
        "level_id": ("level", lambda t: _code(t, levels, "level code")),
        "start": ("start", parse_date),
        "end": ("end", parse_date),
        "exit_reason": (
            "exit_reason",
            lambda t: parse_choice(t.lower(), ExitReason.values, "exit reason") if t else "",
        ),
        "exit_notes": ("exit_notes", str),
        "area_id": ("area", lambda t: _code(t, areas, "area code") if t else None),
    }
    ok = True
    for name, (column, read) in readers.items():
        text = row.get(column)
        try:
            if column in ("level", "start") and not text:
                raise CellError(f"Enter the {column} of the spell")
            values[name] = read(text)
        except CellError as exc:
            errors.append(RowError(line, column, str(exc)))
            ok = False
    if not ok:
        return None
    if values["area_id"] is None:
        values["area_id"] = nominal_area.get(nominal_id)
    start, end = values["start"], values["end"]
    for column in ("start", "end"):
        if values[column] and values[column] > today:
            errors.append(RowError(line, column, f"The {column} cannot be in the future"))
            ok = False
    if end and end < start:
        errors.append(RowError(line, "end", "The end must be the same as or after the start"))
        ok = False
    if end and not values["exit_reason"]:
        errors.append(RowError(line, "exit_reason", "Enter the reason the spell ended"))
        ok = False
    if not end and values["exit_reason"]:
        errors.append(RowError(line, "end", "Enter the end date, or leave exit_reason blank"))
        ok = False
    ref = row.get("ref") or None
    if ref and len(ref) > 80:
        errors.append(RowError(line, "ref", "Too long: at most 80 characters"))
        ok = False
    return Spell(line, ref, nominal_id, values) if ok else None


def _lookups(scheme, nominal_ids):
    levels = {code.lower(): (pk, code) for code, pk in scheme.levels.values_list("code", "pk")}
    areas = {code.lower(): (pk, code) for code, pk in scheme.areas.values_list("code", "pk")}
    nominal_area = {}
    for part in chunks(nominal_ids):
        nominal_area.update(Nominal.objects.filter(pk__in=part).values_list("pk", "area_id"))
    return levels, areas, nominal_area


def _check_overlaps(spells: list[Spell], scheme, targets: dict, errors):
    """No two spells of one nominal on the scheme may overlap (so at most one is open)."""
    by_nominal: dict[int, list] = {}
    replaced = set(targets.values())
    nominal_ids = {s.nominal_id for s in spells}
    for part in chunks(nominal_ids):
        recorded = Membership.objects.filter(scheme=scheme, nominal_id__in=part)
        for pk, nominal_id, start, end in recorded.values_list("pk", "nominal_id", "start", "end"):
            if pk not in replaced:
                by_nominal.setdefault(nominal_id, []).append((start, end, None))
    for spell in spells:
        by_nominal.setdefault(spell.nominal_id, []).append(
            (spell.values["start"], spell.values["end"], spell.line)
        )
    for items in by_nominal.values():
        items.sort(key=lambda item: (item[0], item[2] or 0))
        reach = None  # the spell seen so far that ends last
        for item in items:
            if reach is not None and (reach[1] is None or reach[1] >= item[0]):
                _report_overlap(item, reach, scheme, errors)
            if reach is None or (reach[1] is not None and (item[1] is None or item[1] > reach[1])):
                reach = item


def _report_overlap(item, other, scheme, errors):
    if item[2] is None:  # an already recorded spell: blame the file's row
        item, other = other, item
    if item[2] is None:
        return
    where = f"line {other[2]}" if other[2] else "already recorded"
    until = other[1].isoformat() if other[1] else "now"
    errors.append(
        RowError(
            item[2],
            "start",
            f"This spell overlaps the spell from {other[0].isoformat()} to {until} ({where}) "
            f"on {scheme}",
        )
    )


def validate(table, *, scheme, today, errors) -> Plan:
    nominal_of = resolve_nominals(table.rows, scheme, today, errors)
    lookups = _lookups(scheme, set(nominal_of.values()))
    spells, first_line = [], {}
    for row in table.rows:
        if row.line not in nominal_of:
            continue
        spell = _parse(row, nominal_of[row.line], lookups, today, errors)
        if spell is None:
            continue
        if spell.ref in first_line:
            errors.append(
                RowError(spell.line, "ref", f"{spell.ref} is also on line {first_line[spell.ref]}")
            )
            continue
        if spell.ref:
            first_line[spell.ref] = spell.line
        spells.append(spell)
    recorded = {}
    for part in chunks(first_line):
        for values in Membership.objects.filter(ref__in=part).values(
            "pk", "ref", "scheme_id", "nominal_id", *FIELDS
        ):
            recorded[values["ref"]] = values
    plan, targets, kept = Plan(scheme), {}, []
    for spell in spells:
        current = recorded.get(spell.ref) if spell.ref else None
        if current and (current["scheme_id"], current["nominal_id"]) != (
            scheme.pk,
            spell.nominal_id,
        ):
            errors.append(
                RowError(spell.line, "ref", f"{spell.ref} is the reference of another spell")
            )
            continue
        kept.append(spell)
        if current is None:
            plan.creates.append(spell)
        elif any(current[name] != value for name, value in spell.values.items()):
            targets[spell.line] = current["pk"]
            plan.updates.append((current["pk"], spell))
        else:
            targets[spell.line] = current["pk"]
            plan.unchanged += 1
    _check_overlaps(kept, scheme, targets, errors)
    return plan


def write(plan: Plan, user) -> tuple[int, int, int]:
    if plan.updates:
        changed = [Membership(pk=pk, **spell.values) for pk, spell in plan.updates]
        names = [name.removesuffix("_id") for name in FIELDS]
        Membership.objects.bulk_update(changed, names, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(
                scheme=plan.scheme,
                nominal_id=spell.nominal_id,
                ref=spell.ref,
                created_by=user,
                **spell.values,
            )
            for spell in plan.creates
        ],
        batch_size=BATCH,
    )
    # Lead professionals, officers and lead agencies gain (or lose) sight of their nominals.
    sync_case_teams(
        {spell.nominal_id for spell in plan.creates} | {s.nominal_id for _, s in plan.updates}
    )
    return plan.counts()
