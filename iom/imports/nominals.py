"""Importing nominals: a row whose ref is already recorded updates that nominal (people's
details change between extracts); identical rows are left alone."""

from dataclasses import dataclass, field

from django.utils import timezone

from iom.codes import Gender
from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.imports.lookup import chunks
from iom.imports.parsing import (
    CellError,
    Column,
    Row,
    RowError,
    check_length,
    parse_bool,
    parse_choice,
    parse_date,
)
from iom.models import Alias, Nominal

# Rows per INSERT: the change-history triggers slow down on larger statements (events.py).
BATCH = 5000
COLUMNS = [
    Column("ref"),
    Column("first_names", required=True),
    Column("last_name", required=True),
    Column("aliases"),
    Column("date_of_birth", required=True),
    Column("gender"),
    Column("pnc_id"),
    Column("crn"),
    Column("address"),
    Column("contact_number"),
    Column("primary_substance"),
    Column("area"),
    Column("is_ppo"),
    Column("mappa_level"),
    Column("current_sex_offender"),
    Column("yos_high_risk"),
]
ONE_OF = ()
_BOOLEANS = ("is_ppo", "current_sex_offender", "yos_high_risk")
_TEXT_LIMITS = {
    "first_names": 120,
    "last_name": 120,
    "address": 10_000,
    "contact_number": 30,
    "primary_substance": 60,
}


@dataclass
class NominalRow:
    line: int
    ref: str | None
    values: dict  # model attribute -> value, for the columns the file has
    aliases: list[str] | None  # None when the file has no aliases column


@dataclass
class Plan:
    scheme: object
    creates: list[NominalRow] = field(default_factory=list)
    updates: list[tuple[int, NominalRow, bool]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> tuple[int, int, int]:
        """(created, updated, unchanged)"""
        return len(self.creates), len(self.updates), self.unchanged


def _cell(row: Row, column: str, areas: dict, today):
    text = row.get(column)
    if column in _TEXT_LIMITS:
        if not text and column in ("first_names", "last_name"):
            raise CellError(f"Enter the {column.replace('_', ' ')}")
        return check_length(text, _TEXT_LIMITS[column])
    if column == "date_of_birth":
        value = parse_date(text)
        if value is None:
            raise CellError("Enter the date of birth")
        if value > today:
            raise CellError("The date of birth cannot be in the future")
        return value
    if column == "gender":
        return parse_choice(text.lower(), Gender.values, "gender") if text else Gender.UNKNOWN
    if column in _BOOLEANS:
        return bool(parse_bool(text))
    if column == "mappa_level":
        if text not in ("", "0", "1", "2", "3"):
            raise CellError(f"Enter the MAPPA level as 0, 1, 2 or 3 (not '{text}')")
        return int(text or 0)
    if column == "area":
        if not text:
            return None
        if text.lower() not in areas:
            codes = ", ".join(sorted(code for _, code in areas.values()))
            hint = f"use one of {codes}" if codes else "the scheme has no areas"
            raise CellError(f"Unknown area code '{text}': {hint}")
        return areas[text.lower()][0]
    try:
        if column == "pnc_id":
            return normalise_pnc(text, today) if text else None
        return normalise_crn(text) if text else None
    except IdentifierError as exc:
        raise CellError(str(exc)) from None


def _parse(row: Row, columns, areas, today, errors) -> NominalRow | None:
    values, ok = {}, True
    for column in columns:
        try:
            value = _cell(row, column, areas, today)
        except CellError as exc:
            errors.append(RowError(row.line, column, str(exc)))
            ok = False
            continue
        values["area_id" if column == "area" else column] = value
    aliases = None
    if "aliases" in row.cells:
        aliases = sorted({name.strip() for name in row.get("aliases").split(";") if name.strip()})
        for name in aliases:
            if len(name) > 241:
                errors.append(RowError(row.line, "aliases", f"Alias '{name[:40]}…' is too long"))
                ok = False
    ref = row.get("ref") or None
    if ref and len(ref) > 80:
        errors.append(RowError(row.line, "ref", "Too long: at most 80 characters"))
        ok = False
    return NominalRow(row.line, ref, values, aliases) if ok else None


def _flag_repeats(parsed: list[NominalRow], errors):
    for key in ("ref", "pnc_id", "crn"):
        first_line = {}
        for item in parsed:
            value = item.ref if key == "ref" else item.values.get(key)
            if not value:
                continue
            if value in first_line:
                errors.append(
                    RowError(item.line, key, f"{value} is also on line {first_line[value]}")
                )
            else:
                first_line[value] = item.line


def _owners(key: str, values) -> dict:
    owners = {}
    for part in chunks(values):
        rows = Nominal.objects.filter(**{f"{key}__in": part}).values_list(key, "pk", "ref")
        owners.update({value: (pk, ref) for value, pk, ref in rows})
    return owners


def validate(table, *, scheme, today, errors) -> Plan:
    areas = {code.lower(): (pk, code) for code, pk in scheme.areas.values_list("code", "pk")}
    columns = [c for c in table.columns if c not in ("ref", "aliases")]
    parsed = []
    for row in table.rows:
        item = _parse(row, columns, areas, today, errors)
        if item is not None:
            parsed.append(item)
    _flag_repeats(parsed, errors)
    attnames = list(parsed[0].values) if parsed else []
    existing = {}
    for part in chunks({p.ref for p in parsed if p.ref}):
        for values in Nominal.objects.filter(ref__in=part).values(
            "pk", "ref", "scheme_id", *attnames
        ):
            existing[values["ref"]] = values
    alias_names: dict[int, list[str]] = {}
    for part in chunks([v["pk"] for v in existing.values()]):
        for nominal_id, name in Alias.objects.filter(nominal_id__in=part).values_list(
            "nominal_id", "name"
        ):
            alias_names.setdefault(nominal_id, []).append(name)
    owners = {
        key: _owners(key, {p.values.get(key) for p in parsed if p.values.get(key)})
        for key in ("pnc_id", "crn")
    }
    plan = Plan(scheme)
    for item in parsed:
        current = existing.get(item.ref) if item.ref else None
        if current is not None and current["scheme_id"] != scheme.pk:
            reason = f"{item.ref} is the reference of another scheme's nominal"
            errors.append(RowError(item.line, "ref", reason))
            continue
        target = current["pk"] if current else None
        clash = False
        for key, label in (("pnc_id", "PNC ID"), ("crn", "CRN")):
            value = item.values.get(key)
            owner = owners[key].get(value) if value else None
            if owner is not None and owner[0] != target:
                ref_text = f" (ref {owner[1]})" if owner[1] else ""
                errors.append(
                    RowError(
                        item.line,
                        key,
                        f"{label} {value} is already recorded for nominal {owner[0]}{ref_text}",
                    )
                )
                clash = True
        if clash:
            continue
        if current is None:
            plan.creates.append(item)
            continue
        fields_changed = any(current[k] != v for k, v in item.values.items())
        aliases_changed = item.aliases is not None and item.aliases != sorted(
            alias_names.get(target, [])
        )
        if fields_changed or aliases_changed:
            plan.updates.append((target, item, aliases_changed))
        else:
            plan.unchanged += 1
    return plan


def write(plan: Plan, user) -> tuple[int, int, int]:
    created = [
        Nominal(scheme=plan.scheme, ref=i.ref, created_by=user, updated_by=user, **i.values)
        for i in plan.creates
    ]
    Nominal.objects.bulk_create(created, batch_size=BATCH)
    aliases = [
        Alias(nominal_id=nominal.pk, name=name)
        for nominal, item in zip(created, plan.creates, strict=True)
        for name in item.aliases or ()
    ]
    if plan.updates:
        now = timezone.now()
        updated = []
        for pk, item, _ in plan.updates:
            nominal = Nominal(pk=pk, updated_by=user, updated_at=now, **item.values)
            updated.append(nominal)
        fields = [*plan.updates[0][1].values, "updated_by", "updated_at"]
        fields = ["area" if f == "area_id" else f for f in fields]
        Nominal.objects.bulk_update(updated, fields, batch_size=BATCH)
        renamed = [(pk, item) for pk, item, aliases_changed in plan.updates if aliases_changed]
        Alias.objects.filter(nominal_id__in=[pk for pk, _ in renamed]).delete()
        aliases += [Alias(nominal_id=pk, name=n) for pk, item in renamed for n in item.aliases]
    Alias.objects.bulk_create(aliases, batch_size=BATCH)
    return plan.counts()
