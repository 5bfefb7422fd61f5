"""Printing the benchmark's tables and verdicts (plain text, pasteable into docs)."""

import os
import platform
import statistics


def _ms(value):
    return "–" if value is None else f"{value:.0f}"


def _verdict(ok):
    return "PASS" if ok else "FAIL"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if "model name" in line)
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = "/".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}; "
        f"load average {load} at the end"
    )


def print_crowd(page_list, crowd) -> bool:
    """Each page's latency while `users` people use the mix at once; the targets are set there."""
    print(
        f"\n{crowd['users']} concurrent users, each opening a page of the mix at random and "
        f"reading it {crowd['think_s'][0]:g}–{crowd['think_s'][1]:g} s: {crowd['requests']} "
        f"requests over {crowd['seconds']:.0f} s ({crowd['per_second']:.1f}/s), "
        f"statuses {crowd['statuses']}\n"
    )
    head = f"{'Page / API':34} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'target':>7} verdict"
    print(head)
    print("-" * len(head))
    ok = all(str(status) == "200" for status in crowd["statuses"])
    for page in page_list:
        samples = getattr(page, "users_ms", None)
        if not samples:
            continue
        p95 = sorted(samples)[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        page_ok = page.target_ms is None or p95 < page.target_ms
        ok = ok and page_ok
        print(
            f"{page.label:34} {len(samples):>8} {statistics.median(samples):>7.0f} {p95:>7.0f} "
            f"{_ms(page.target_ms):>7} {_verdict(page_ok)}"
        )
    return ok


def print_tables(page_list, jobs, rate, crowd, options, max_queries) -> bool:
    """Print everything; True when every measured target passes."""
    ok = True
    print(f"\nMachine: {machine()}")
    print(
        f"gunicorn {options.workers} workers. One page at a time: {options.concurrency} users "
        f"with no pause, {options.requests} requests a run, {options.repeats} runs\n"
    )
    head = (
        f"{'Page / API':34} {'p50 ms':>7} {'p95 ms':>7} {'run p95s':>15} {'target':>7} "
        f"{'floor ms':>8} {'ratio':>6} {'queries':>16} verdict"
    )
    print(head)
    print("-" * len(head))
    for page in page_list:
        if not page.paths:
            print(f"{page.label:34} {page.note}")
            continue
        counts = "/".join(str(n) for n in page.queries.values())
        steady = len(set(page.queries.values())) == 1
        queries_ok = max(page.queries.values()) <= max_queries and steady
        p95 = getattr(page, "p95", None)
        latency_ok = p95 is None or page.target_ms is None or p95 < page.target_ms
        errors = {s: n for s, n in getattr(page, "statuses", {}).items() if s != "200"}
        page_ok = queries_ok and latency_ok and not errors
        ok = ok and page_ok
        run_p95 = "/".join(_ms(v) for v in getattr(page, "run_p95", []))
        p50 = getattr(page, "p50", None)
        ratio = f"{p50 / page.floor_ms:.1f}" if p50 and page.floor_ms else "–"
        print(
            f"{page.label:34} {_ms(p50):>7} {_ms(p95):>7} {run_p95:>15} "
            f"{_ms(page.target_ms):>7} {page.floor_ms:>8.1f} {ratio:>6} {counts:>16} "
            f"{_verdict(page_ok)}{' errors ' + str(errors) if errors else ''}"
        )
    print("\nQueries: per page for (most/fewest events) or (largest/smallest scheme).")
    for page in page_list:
        if page.paths:
            print(f"  slowest SQL of {page.key}: {page.slowest_sql}")
    if crowd:
        ok = print_crowd(page_list, crowd) and ok
    if rate:
        print(
            f"\nThroughput, {rate['users']} users at once with no pause, mixed pages: "
            f"{rate['per_second']:.1f} requests/s over {rate['seconds']:.0f} s "
            f"({rate['requests']} requests), p50 {rate['p50']:.0f} ms, p95 {rate['p95']:.0f} ms, "
            f"statuses {rate['statuses']}"
        )
    if jobs:
        head = (
            f"{'Batch job':44} {'median s':>9} {'runs':>18} {'target':>7} {'floor s':>8} "
            f"{'ratio':>6} verdict"
        )
        print(f"\n{head}")
        print("-" * len(head))
    for job in jobs:
        if not job.runs:
            print(f"{job.label:44} {job.note}")
            continue
        median = statistics.median(job.runs)
        job_ok = job.target_s is None or median < job.target_s
        ok = ok and job_ok
        runs = "/".join(f"{s:.1f}" for s in job.runs)
        floor = f"{job.floor_s:.1f}" if job.floor_s is not None else "–"
        ratio = f"{median / job.floor_s:.1f}" if job.floor_s else "–"
        target = f"{job.target_s:.0f}" if job.target_s else "–"
        verdict = _verdict(job_ok) if job.target_s else "(no target)"
        print(
            f"{job.label:44} {median:>9.1f} {runs:>18} {target:>7} {floor:>8} {ratio:>6} "
            f"{verdict} {job.note}"
        )
    print(f"\nOverall: {'every measured target met' if ok else 'some targets missed'}")
    return ok
