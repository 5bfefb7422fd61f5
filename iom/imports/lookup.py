"""Finding the nominal an event or spell row is about, with one query per kind of identifier.

The rule (docs/import.md): a row names its nominal by nominal_ref, pnc_id and/or crn; at least
one must be filled in; every one filled in must match a nominal of the scheme being imported
into, and when several are given they must all match the same nominal.
"""

from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.imports.parsing import Row, RowError
from iom.models import Nominal

NOMINAL_COLUMNS = ("nominal_ref", "pnc_id", "crn")
CHUNK = 10_000
_LABELS = {"nominal_ref": "reference", "pnc_id": "PNC ID", "crn": "CRN"}


def chunks(values, size=CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _read_identifiers(row: Row, today, errors) -> dict[str, str] | None:
    found, ok = {}, True
    for column in NOMINAL_COLUMNS:
        raw = row.get(column)
        if not raw:
            continue
        try:
            if column == "pnc_id":
                found[column] = normalise_pnc(raw, today)
            elif column == "crn":
                found[column] = normalise_crn(raw)
            else:
                found[column] = raw
        except IdentifierError as exc:
            errors.append(RowError(row.line, column, str(exc)))
            ok = False
    if ok and not found:
        errors.append(
            RowError(row.line, "nominal_ref", "Enter the nominal's reference, PNC ID or CRN")
        )
        return None
    return found if ok else None


def resolve_nominals(rows: list[Row], scheme, today, errors) -> dict[int, int]:
    """{line: nominal id} for every row whose nominal was found; errors for the others."""
    wanted = {}
    for row in rows:
        identifiers = _read_identifiers(row, today, errors)
        if identifiers is not None:
            wanted[row.line] = identifiers
    field_of = {"nominal_ref": "ref", "pnc_id": "pnc_id", "crn": "crn"}
    known: dict[str, dict[str, int]] = {}
    for column, field in field_of.items():
        values = {ids[column] for ids in wanted.values() if column in ids}
        known[column] = {}
        for part in chunks(values):
            known[column].update(
                Nominal.objects.filter(scheme=scheme, **{f"{field}__in": part}).values_list(
                    field, "pk"
                )
            )
    resolved = {}
    for line, identifiers in wanted.items():
        pks, missing = set(), False
        for column, value in identifiers.items():
            pk = known[column].get(value)
            if pk is None:
                missing = True
                errors.append(
                    RowError(line, column, f"No nominal of {scheme} has {_LABELS[column]} {value}")
                )
            else:
                pks.add(pk)
        if missing:
            continue
        if len(pks) > 1:
            errors.append(
                RowError(
                    line,
                    " / ".join(identifiers),
                    "These identifiers belong to different nominals: check which one is right",
                )
            )
            continue
        resolved[line] = pks.pop()
    return resolved
