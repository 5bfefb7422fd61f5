"""Time `import_records events` on 100,000 synthetic events against the configured database.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.import_events [--nominals 2000]
        [--events 100000] [--keep]

Works in a scratch scheme (slug bench-imports) that it creates; its nominals and events are
deleted afterwards unless --keep is given. Figures are wall-clock, including the RAG recompute
that runs on events_recorded.
"""

import argparse
import csv
import os
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from iom.event_rules import ALL_EVENT_FIELDS

SCHEME_SLUG = "bench-imports"
NOMINAL_HEADER = ["ref", "first_names", "last_name", "date_of_birth", "pnc_id", "area"]
EVENT_HEADER = ["ref", "nominal_ref", "pnc_id", "kind", *ALL_EVENT_FIELDS]
OFFENCES = ["burglary-dwelling", "shoplifting", "robbery", "theft-other", "criminal-damage"]


def _event(rng: random.Random, today: date) -> dict:
    day = today - timedelta(days=rng.randint(30, 1000))
    kind = rng.choice(
        ["arrest", "charge", "conviction", "intelligence", "breach", "engagement", "custody"]
    )
    row = {"kind": kind, "date": day.isoformat()}
    if kind == "arrest":
        row |= {"offence": rng.choice(OFFENCES), "outcome": rng.choice(["charged", "nfa", "rui"])}
    elif kind in ("charge", "conviction"):
        offence_date = day - timedelta(days=rng.randint(1, 60))
        row |= {"offence": rng.choice(OFFENCES), "offence_date": offence_date.isoformat()}
    elif kind == "intelligence":
        row |= {
            "grade": rng.choice(["B2", "C3", "1A", "2B"]),
            "handling_code": rng.choice("PC"),
            "suggests_offending": rng.choice(["yes", "no"]),
            "summary": "Synthetic intelligence for the benchmark",
        }
    elif kind == "engagement":
        row |= {
            "service": rng.choice(["supervision", "treatment"]),
            "status": rng.choice(["engaging", "not-complying"]),
        }
    elif kind == "custody":
        row |= {
            "end_date": (day + timedelta(days=20)).isoformat(),
            "expected_release": (day + timedelta(days=40)).isoformat(),
        }
    return row


def write_files(folder: Path, nominals: int, events: int, run: str, taken_pncs: set):
    from iom.identifiers import pnc_check_letter

    rng = random.Random(run)
    people, serial = [], rng.randint(1, 5_000_000)
    while len(people) < nominals:
        serial += 1
        pnc = f"1979/{serial:07d}{pnc_check_letter(1979, serial)}"
        if pnc not in taken_pncs:
            people.append((f"BENCH-{run}-N{len(people)}", pnc))
    nominal_file = folder / "nominals.csv"
    with nominal_file.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(NOMINAL_HEADER)
        for n, (ref, pnc) in enumerate(people):
            out.writerow([ref, "Bench", f"Person{n}", "1980-01-01", pnc, "BENCH"])
    event_file = folder / "events.csv"
    today = date.today()
    with event_file.open("w", newline="") as handle:
        out = csv.DictWriter(handle, EVENT_HEADER)
        out.writeheader()
        for n in range(events):
            ref, pnc = people[n % len(people)]
            who = {"nominal_ref": ref} if n % 2 else {"pnc_id": pnc}
            out.writerow({"ref": f"BENCH-{run}-E{n}", **who, **_event(rng, today)})
    return nominal_file, event_file


def timed(label, *args):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("import_records", *args, "--scheme", SCHEME_SLUG)
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s")
    return seconds


def clean_up(scheme):
    from django.db import transaction

    from iom.models import Event, Nominal

    with transaction.atomic():
        Event.objects.filter(nominal__scheme=scheme).delete()
        Nominal.objects.filter(scheme=scheme).delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominals", type=int, default=2000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch records")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")
    import django

    django.setup()
    from iom.models import Area, Level, Nominal, Scheme

    scheme, _ = Scheme.objects.get_or_create(
        slug=SCHEME_SLUG, defaults={"name": "Benchmark scratch scheme"}
    )
    Area.objects.get_or_create(scheme=scheme, code="BENCH", defaults={"name": "Benchmark"})
    Level.objects.get_or_create(scheme=scheme, code="iom", defaults={"name": "IOM"})
    run = uuid.uuid4().hex[:8]
    taken = set(Nominal.objects.filter(pnc_id__startswith="1979/").values_list("pnc_id", flat=True))
    with tempfile.TemporaryDirectory() as folder:
        nominal_file, event_file = write_files(
            Path(folder), options.nominals, options.events, run, taken
        )
        try:
            timed(f"{options.nominals} nominals", "nominals", str(nominal_file))
            first = timed(f"{options.events} events, first import", "events", str(event_file))
            again = timed(f"{options.events} events, same file again", "events", str(event_file))
        finally:
            if not options.keep:
                clean_up(scheme)
    print(f"RESULT events={options.events} first={first:.1f}s again={again:.1f}s")


if __name__ == "__main__":
    main()
