"""The pages and API calls the benchmark loads, the user it signs in as, and for each page the
query count and the database floor (its SQL alone, re-run with EXPLAIN ANALYZE)."""

import json
import random
import statistics
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from iom.models import Membership, Nominal
from tasking.models import Meeting

# URL names the performance dashboard may be registered under (it is being written now).
PER_NOMINAL = {"nominal", "matrix", "api-events"}
DASHBOARD_NAMES = ("performance_reports:dashboard",)


@dataclass
class Page:
    key: str
    label: str
    paths: list  # rotated through under load
    target_ms: float | None
    note: str = ""
    queries: dict = field(default_factory=dict)  # what -> query count
    floor_ms: float | None = None
    slowest_sql: str = ""


def misspell(name: str) -> str:
    """Drop one inner letter and swap the two after it: 'Wilkinson' -> 'Wlikinson'-like."""
    if len(name) < 5:
        return name + name[-1]
    return name[0] + name[2] + name[1] + name[4:]


def pick_user(scheme):
    return scheme.staff.filter(role="coordinator").order_by("pk").first().user


def _members(scheme):
    return Membership.objects.filter(scheme=scheme, end__isnull=True)


def pick_nominals(scheme, count=20, seed=1):
    """Current members at random, the one with the longest history first, the shortest last."""
    ids = list(_members(scheme).order_by("nominal_id").values_list("nominal_id", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    heaviest = Nominal.objects.filter(pk__in=ids).annotate(n=Count("events")).order_by("-n").first()
    lightest = Nominal.objects.filter(pk__in=ids).annotate(n=Count("events")).order_by("n").first()
    rest = [pk for pk in chosen if pk not in (heaviest.pk, lightest.pk)]
    return [heaviest.pk, *rest, lightest.pk]


def dashboard_path():
    for name in DASHBOARD_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def build_pages(scheme) -> list[Page]:
    today = timezone.localdate()
    nominal_ids = pick_nominals(scheme)
    sample = Nominal.objects.filter(scheme=scheme, pk__in=nominal_ids[1:6]).order_by("pk")
    queries = [misspell(f"{n.first_names.split()[0]} {n.last_name}").lower() for n in sample]
    meeting = Meeting.objects.filter(scheme=scheme, kind="daily", date=today).first()
    pages = [
        Page("search", "Nominal search (misspelt name)",
             [f"/nominals/?q={q.replace(' ', '+')}" for q in queries], 150),
        Page("nominal", "Nominal page", [f"/nominals/{pk}/" for pk in nominal_ids], 150),
        Page("board", "RAG cohort board", ["/rag/board/"], 150),
        Page("agenda", "Today's tasking agenda",
             [f"/tasking/meetings/{meeting.pk}/"] if meeting else [], 300,
             "" if meeting else "no daily meeting today in this scheme"),
        Page("matrix", "Matrix breakdown", [f"/matrix/nominals/{pk}/" for pk in nominal_ids], 150),
        Page("api-search", "API: nominal search (misspelt)",
             [f"/api/v1/nominals/?q={q.replace(' ', '+')}" for q in queries], 150),
        Page("api-events", "API: a nominal's events",
             [f"/api/v1/nominals/{pk}/events/" for pk in nominal_ids], 150),
    ]  # fmt: skip
    dashboard = dashboard_path()
    pages.append(
        Page("dashboard", "Performance dashboard", [dashboard] if dashboard else [], 300,
             "" if dashboard else "skipped: no performance dashboard URL yet")
    )  # fmt: skip
    return pages


def _explain_ms(sql: str) -> float:
    """Planning plus execution time of one statement; writes are rolled back."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        transaction.set_rollback(True)
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


def capture(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return [q["sql"] for q in captured.captured_queries]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def measure_queries(page: Page, checks: list, repeats=3) -> None:
    """Query counts of the page for each (label, client, path) in `checks` (more data must not
    mean more queries), and the floor: the SQL of the first check re-run alone."""
    page.queries = {label: len(capture(client, path)) for label, client, path in checks}
    _label, client, path = checks[0]
    statements = [sql for sql in capture(client, path) if sql.lstrip().upper().startswith("SELECT")]
    runs, slowest = [], (0.0, "")
    for _ in range(repeats):
        timed = [(_explain_ms(sql), sql) for sql in statements]
        runs.append(sum(ms for ms, _ in timed))
        slowest = max(timed, default=(0.0, ""))
    page.floor_ms = statistics.median(runs)
    page.slowest_sql = f"{slowest[0]:.1f} ms: {' '.join(slowest[1].split())[:400]}"


def query_checks(page: Page, small: Page, big_client, small_client) -> list:
    """Heaviest and lightest nominal for per-nominal pages; largest and smallest scheme else."""
    if page.key in PER_NOMINAL:
        return [
            ("most events", big_client, page.paths[0]),
            ("fewest events", big_client, page.paths[-1]),
        ]
    checks = [("largest scheme", big_client, page.paths[0])]
    if small.paths:
        checks.append(("smallest scheme", small_client, small.paths[0]))
    return checks
