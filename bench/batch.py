"""The batch jobs the benchmark times, each with its database floor (the essential SQL run alone
with EXPLAIN ANALYZE, rolled back) so the ratio shows what the Python around it costs."""

import csv
import io
import json
import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction

from iom.models import Nominal, Scheme

POPULATION = "pop-"


@dataclass
class Job:
    key: str
    label: str
    target_s: float | None
    runs: list = field(default_factory=list)  # seconds
    floor_s: float | None = None
    note: str = ""


class Rollback(Exception):
    pass


def _timed(func):
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def _rolled_back(func):
    """Run `func` in a transaction that is then undone, so a job can be timed again."""
    try:
        with transaction.atomic():
            func()
            raise Rollback
    except Rollback:
        pass


def _explain_s(sql, params) -> float:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        transaction.set_rollback(True)
    return (plan[0]["Planning Time"] + plan[0]["Execution Time"]) / 1000


def schemes():
    return list(Scheme.objects.filter(slug__startswith=POPULATION).order_by("pk"))


def rescoring(today: date, repeats: int) -> Job:
    from matrix.rescoring import RESCORE_SQL, rescore_scheme

    job = Job("rescore", "Matrix re-scoring, every nominal", 60)
    for _ in range(repeats):
        job.runs.append(_timed(lambda: [rescore_scheme(s, today) for s in schemes()]))
    job.floor_s = sum(
        _explain_s(RESCORE_SQL, {"scheme_id": s.pk, "as_of": today}) for s in schemes()
    )
    return job


def rag_recompute(today: date, repeats: int) -> Job:
    from django.utils import timezone

    from rag import sql
    from rag.services import recompute_suggestions

    job = Job("rag", "Nightly RAG recomputation (all)", 60)
    for _ in range(repeats):
        job.runs.append(_timed(lambda: recompute_suggestions(as_of=today)))
    params = {"all": True, "ids": [], "as_of": today, "now": timezone.now()}
    job.floor_s = _explain_s(sql.RECOMPUTE, params)
    return job


def exit_reviews(today: date, repeats: int) -> Job:
    from tasking import exit_reviews as reviews

    job = Job("exit-reviews", "Exit-review run (first run of the day)", None)
    created = []
    for _ in range(repeats):
        job.runs.append(
            _timed(
                lambda: _rolled_back(lambda: created.append(len(reviews.run_exit_reviews(today))))
            )
        )
    job.note = f"{created[-1]:,} reviews due"
    params = {
        "as_of": today, "scheme_id": None, "retain": "retain", "exit": "exit", "keep": "retain",
        "open": "open", "charge": "charge", "conviction": "conviction",
    }  # fmt: skip
    job.floor_s = _explain_s(reviews._sql(), params)
    return job


def _events_csv(scheme, count: int, seed: int) -> bytes:
    """`count` new events for the scheme's nominals, named by PNC ID, with unique refs."""
    from bench.import_events import EVENT_HEADER, _event

    rng = random.Random(seed)
    pncs = list(Nominal.objects.filter(scheme=scheme).values_list("pnc_id", flat=True)[:20000])
    today = date.today()
    out = io.StringIO()
    writer = csv.DictWriter(out, EVENT_HEADER)
    writer.writeheader()
    for n in range(count):
        row = _event(rng, today)
        writer.writerow({"ref": f"BENCH-{seed}-{n}", "pnc_id": rng.choice(pncs), **row})
    return out.getvalue().encode()


def import_events(count: int, repeats: int) -> Job:
    try:
        from iom.imports.service import import_records
    except ImportError:
        return Job("import", f"Import of {count:,} events", 30, note="skipped: no import service")
    scheme = schemes()[0]
    job = Job("import", f"Import of {count:,} events (import_records)", 30)
    data = _events_csv(scheme, count, seed=2015)
    outcome = {}

    def run():
        result = import_records("events", data, scheme=scheme)
        if not result.ok:
            raise RuntimeError(f"import refused the file: {result.errors[:3]}")
        outcome["created"] = result.created

    for _ in range(repeats):
        job.runs.append(_timed(lambda: _rolled_back(run)))
    job.note = f"{outcome.get('created', 0):,} created; rolled back after each run"
    job.floor_s = _copy_floor(data)
    return job


def _copy_floor(data: bytes) -> float:
    """COPY the same rows straight into iom_event (no checks, no triggers), rolled back."""
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    ids = dict(
        Nominal.objects.filter(pnc_id__in={r["pnc_id"] for r in rows}).values_list("pnc_id", "pk")
    )
    columns = ["nominal_id", "kind", "date", "end_date", "offence", "offence_date", "outcome",
               "grade", "handling_code", "suggests_offending", "summary", "wanted_type",
               "expected_release", "order_type", "statutory", "service", "status", "ref",
               "recorded_at"]  # fmt: skip
    blank = {"end_date", "offence_date", "expected_release", "suggests_offending", "statutory"}
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        sql = f"COPY iom_event ({', '.join(columns)}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for r in rows:
                values = [ids[r["pnc_id"]]]
                for name in columns[1:-1]:
                    text = r.get(name, "")
                    values.append(None if name in blank and not text else _typed(name, text))
                values.append("now")
                copy.write_row(values)
        transaction.set_rollback(True)
    return time.perf_counter() - started


def _typed(name, text):
    if name in ("suggests_offending", "statutory"):
        return text == "yes"
    return text


def performance_pdf(today: date) -> Job:
    job = Job("pdf", "Performance PDF, largest scheme", None)
    try:
        from performance.pdf import render_report_pdf
        from performance.report_data import ReportFilters, build_report, default_period
    except ImportError as exc:
        job.note = f"skipped: {exc}"
        return job
    start, end = default_period(today)
    try:

        def run():
            content = build_report(schemes()[0], ReportFilters(start, end))
            render_report_pdf(content)

        job.runs.append(_timed(run))
    except Exception as exc:  # noqa: BLE001 (another helper's work in progress: report, go on)
        job.note = f"skipped: {type(exc).__name__}: {str(exc)[:120]}"
    return job
