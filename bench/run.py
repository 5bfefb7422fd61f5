"""Benchmark the app on a generated population (manage.py generate_population), PostgreSQL and
gunicorn on this machine; print medians and p95 against the targets. See docs/performance.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iom_bench \\
        .venv/bin/python -m bench.run [--workers 2] [--repeats 3] [--users 20] [--skip-batch]

Writes only what the jobs themselves write (matrix snapshots, RAG suggestions); the exit-review
run and the import are rolled back after each timing. Never point it at live data.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")
os.environ.setdefault("IOM_ENV", "development")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import batch, pages  # noqa: E402
from bench.report import print_tables  # noqa: E402
from iom.population.build import population_counts  # noqa: E402

MAX_QUERIES = 20
MIX_SLOTS = 20  # each page's share of the mixed run's list of paths


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_gunicorn(port: int, workers: int):
    env = {**os.environ, "DEBUG": "0", "IOM_ENV": "development"}
    process = subprocess.Popen(  # noqa: S603 (our own arguments)
        [str(Path(sys.executable).parent / "gunicorn"), "iom.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def load(port, cookie, paths, concurrency, requests, seconds, **extra):
    spec = {"port": port, "cookie": cookie, "paths": paths, "concurrency": concurrency,
            "requests": requests, "seconds": seconds, **extra}  # fmt: skip
    done = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, "-m", "bench.load", json.dumps(spec)],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=seconds + 90,
    )  # fmt: skip
    return json.loads(done.stdout)


def session_cookie(user) -> str:
    client = pages.client_for(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_pages(port, cookie, page_list, repeats, concurrency, requests):
    for page in page_list:
        if not page.paths:
            continue
        for path in page.paths[:1]:  # warm each worker's caches and connections
            load(port, cookie, [path], 3, 6, 20)
        page.runs = []
        page.statuses = {}
        for _ in range(repeats):
            result = load(port, cookie, page.paths, concurrency, requests, 30)
            page.runs.append(result["latencies_ms"])
            for status, n in result["statuses"].items():
                page.statuses[status] = page.statuses.get(status, 0) + n
        pooled = [ms for run in page.runs for ms in run]
        page.p50 = statistics.median(pooled)
        page.p95 = percentile(pooled, 0.95)
        page.run_p95 = [percentile(run, 0.95) for run in page.runs]


def concurrent_users(port, cookie, page_list, users, think_s, seconds):
    """`users` people at once, each opening a page of the mix at random and reading it for
    between think_s[0] and think_s[1] seconds: each page's latency under that shared load."""
    # Every page as likely as any other, whatever the number of its paths.
    weighted = [page.paths[i % len(page.paths)] for page in page_list for i in range(MIX_SLOTS)
                if page.paths]  # fmt: skip
    result = load(port, cookie, weighted, users, 5000, seconds,
                  think_ms=[s * 1000 for s in think_s], mix=True)  # fmt: skip
    for page in page_list:
        page.users_ms = [ms for path in page.paths for ms in result["by_path"].get(path, [])]
    latencies = result["latencies_ms"]
    return {
        "users": users,
        "think_s": think_s,
        "requests": len(latencies),
        "seconds": result["seconds"],
        "per_second": len(latencies) / result["seconds"],
        "statuses": result["statuses"],
    }


def throughput(port, cookie, page_list, users=20, seconds=20):
    paths = [path for page in page_list for path in page.paths[:5]]
    result = load(port, cookie, paths, users, 4000, seconds)
    latencies = result["latencies_ms"]
    return {
        "users": users,
        "requests": len(latencies),
        "seconds": result["seconds"],
        "per_second": len(latencies) / result["seconds"],
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "statuses": result["statuses"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (2–4; 2 = one per core)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--concurrency", type=int, default=2, help="users at once in each page test (2 cores)"
    )
    parser.add_argument("--requests", type=int, default=40, help="requests per page run")
    parser.add_argument("--users", type=int, default=20, help="people at once in the mixed run")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(1.0, 5.0), metavar=("LOW", "HIGH"),
        help="seconds each person reads a page: at random between the two (Locust's between)",
    )  # fmt: skip
    parser.add_argument("--users-seconds", type=int, default=180, help="length of the mixed run")
    parser.add_argument("--import-events", type=int, default=100_000)
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    options = parser.parse_args()
    if not 2 <= options.workers <= 4:
        parser.error("--workers must be 2, 3 or 4 on this machine")
    schemes = batch.schemes()
    if not schemes:
        sys.exit("No generated population here: run manage.py generate_population first.")
    today = timezone.localdate()
    database = connection.settings_dict["NAME"]
    print(f"Database {database}; population: {json.dumps(population_counts())}", flush=True)

    jobs = []
    if not options.skip_batch:
        jobs = [
            batch.rescoring(today, options.repeats),
            batch.rag_recompute(today, options.repeats),
            batch.exit_reviews(today, options.repeats),
            batch.import_events(options.import_events, options.repeats),
            batch.performance_pdf(today),
        ]
        for job in jobs:
            print(f"  batch {job.key}: {[round(s, 2) for s in job.runs]} s {job.note}", flush=True)

    largest, smallest = schemes[0], schemes[-1]
    big_user, small_user = pages.pick_user(largest), pages.pick_user(smallest)
    page_list = pages.build_pages(largest)
    small_pages = {p.key: p for p in pages.build_pages(smallest)}
    big_client, small_client = pages.client_for(big_user), pages.client_for(small_user)
    for page in page_list:
        if page.paths:
            checks = pages.query_checks(page, small_pages[page.key], big_client, small_client)
            pages.measure_queries(page, checks)
            print(f"  queries {page.key}: {page.queries}; floor {page.floor_ms:.1f} ms", flush=True)

    rate = crowd = None
    if not options.skip_load:
        server = start_gunicorn(options.port, options.workers)
        try:
            cookie = session_cookie(big_user)
            measure_pages(
                options.port, cookie, page_list, options.repeats, options.concurrency,
                options.requests,
            )  # fmt: skip
            crowd = concurrent_users(
                options.port, cookie, page_list, options.users, options.think,
                options.users_seconds,
            )  # fmt: skip
            rate = throughput(options.port, cookie, page_list)
        finally:
            server.terminate()
            server.wait(timeout=30)
    ok = print_tables(page_list, jobs, rate, crowd, options, MAX_QUERIES)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
