"""Benchmark: 50,000 nominals and 1,000,000 events in a scratch scheme, then time score_matrix.

Writes to the database in DATABASE_URL (never run it against live data):

    DATABASE_URL=postgres://.../iom_scratch .venv/bin/python -m bench.score_matrix

The data is generated inside PostgreSQL (INSERT ... SELECT generate_series), with change
history triggers off for the load only, since the history of synthetic rows is noise. The
scratch scheme is emptied first, so the benchmark can be re-run; --drop removes it afterwards.
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from iom.codes import OFFENCES  # noqa: E402
from iom.models import Scheme  # noqa: E402

SLUG = "bench-matrix"
KINDS = ["arrest", "arrest", "conviction", "conviction", "charge", "intelligence",
         "intelligence", "breach", "recall", "custody"]  # fmt: skip
GRADES = ["A1", "A2", "B1", "B2", "B3", "C1", "C4", "D2", "E5", "1A", "1B", "2A", "2C", "3E"]

NOMINALS_SQL = """
INSERT INTO iom_nominal (scheme_id, first_names, last_name, date_of_birth, gender, address,
    contact_number, primary_substance, is_ppo, mappa_level, current_sex_offender,
    yos_high_risk, created_at, updated_at)
SELECT %(scheme_id)s, 'Bench', 'Nominal ' || g, DATE '1970-01-01' + (g %% 12000),
    'unknown', '', '', '', false, 0, false, false, now(), now()
FROM generate_series(1, %(nominals)s) AS g
"""

EVENTS_SQL = """
WITH span AS (
    SELECT min(id) AS lo, max(id) - min(id) + 1 AS width
    FROM iom_nominal WHERE scheme_id = %(scheme_id)s
),
raw AS (
    SELECT span.lo + floor(random() * span.width)::bigint AS nominal_id,
        (%(kinds)s::text[])[1 + floor(random() * cardinality(%(kinds)s::text[]))::int] AS kind,
        %(as_of)s::date - floor(random() * 1100)::int AS day,
        random() AS pick
    FROM generate_series(1, %(events)s) AS g CROSS JOIN span
)
INSERT INTO iom_event (nominal_id, kind, date, offence, outcome, grade, handling_code, summary,
    wanted_type, order_type, service, status, recorded_at)
SELECT n.id, raw.kind, raw.day,
    CASE WHEN raw.kind IN ('arrest', 'conviction', 'charge') THEN
        (%(offences)s::text[])[1 + floor(raw.pick * cardinality(%(offences)s::text[]))::int]
    ELSE '' END,
    '',
    CASE WHEN raw.kind = 'intelligence' THEN
        (%(grades)s::text[])[1 + floor(raw.pick * cardinality(%(grades)s::text[]))::int]
    ELSE '' END,
    CASE WHEN raw.kind = 'intelligence' THEN 'P' ELSE '' END,
    '', '', '', '', '', now()
FROM raw JOIN iom_nominal n ON n.id = raw.nominal_id AND n.scheme_id = %(scheme_id)s
"""


def empty_scratch_scheme(cursor, scheme_id):
    cursor.execute("DELETE FROM matrix_matrixsnapshot WHERE scheme_id = %s", [scheme_id])
    cursor.execute(
        "DELETE FROM iom_event WHERE nominal_id IN "
        "(SELECT id FROM iom_nominal WHERE scheme_id = %s)",
        [scheme_id],
    )
    cursor.execute("DELETE FROM iom_nominal WHERE scheme_id = %s", [scheme_id])


def generate(scheme, nominals, events, as_of):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no history triggers
        empty_scratch_scheme(cursor, scheme.pk)
        cursor.execute(NOMINALS_SQL, {"scheme_id": scheme.pk, "nominals": nominals})
        cursor.execute("SELECT setseed(0.2015)")
        cursor.execute(
            EVENTS_SQL,
            {
                "scheme_id": scheme.pk,
                "events": events,
                "as_of": as_of,
                "kinds": KINDS,
                "offences": list(OFFENCES),
                "grades": GRADES,
            },
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE iom_nominal")
        cursor.execute("ANALYZE iom_event")
        cursor.execute(
            "SELECT count(*) FROM iom_event e JOIN iom_nominal n ON n.id = e.nominal_id "
            "WHERE n.scheme_id = %s",
            [scheme.pk],
        )
        print(f"Events in the scratch scheme: {cursor.fetchone()[0]:,}")


def timed(label, func):
    started = time.perf_counter()
    func()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s", flush=True)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominals", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--as-of", default=date.today().isoformat())
    parser.add_argument("--drop", action="store_true", help="Remove the scratch data afterwards.")
    args = parser.parse_args()

    scheme, _ = Scheme.objects.get_or_create(
        slug=SLUG, defaults={"name": "Matrix benchmark (scratch)"}
    )
    as_of = date.fromisoformat(args.as_of)
    timed(
        f"Generated {args.nominals:,} nominals and {args.events:,} events",
        lambda: generate(scheme, args.nominals, args.events, as_of),
    )
    first = timed(
        "score_matrix, first run (inserts)",
        lambda: call_command("score_matrix", scheme=SLUG, as_of=as_of.isoformat()),
    )
    second = timed(
        "score_matrix, second run (updates in place)",
        lambda: call_command("score_matrix", scheme=SLUG, as_of=as_of.isoformat()),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT decision, count(*) FROM matrix_matrixsnapshot "
            "WHERE scheme_id = %s AND as_of = %s GROUP BY decision ORDER BY decision",
            [scheme.pk, as_of],
        )
        print("Decisions:", dict(cursor.fetchall()))
    if args.drop:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            empty_scratch_scheme(cursor, scheme.pk)
        scheme.delete()
    verdict = "within" if max(first, second) < 60 else "OVER"
    print(f"Slowest score_matrix run {max(first, second):.1f} s: {verdict} the 60 s target")


if __name__ == "__main__":
    main()
