"""Generating a population: the partnership through the ORM, everything else set-based SQL.

One transaction. Change-history triggers (and foreign-key triggers) are off for the load only
(session_replication_role = replica), since the history of synthetic rows is noise; every
row is written consistent by construction, and the tests check it.
"""

import time
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction

from iom.codes import PATHWAYS
from iom.demo import names
from iom.demo.history import INTELLIGENCE_TEXT, OFFENCE_MIX
from iom.population import cohort_sql, events_sql, needs_sql, people_sql
from iom.population.partnership import TEAMS, build_schemes, population_exists, scheme_shares

ORDER_TYPES = ["Community order", "Suspended sentence order", "Licence",
               "Post-sentence supervision", "Voluntary"]  # fmt: skip
# Offence codes repeated by weight, so one uniform draw picks the IOM cohort's offending mix.
OFFENCE_BAG = [code for code, weight in OFFENCE_MIX for _ in range(weight)]
TABLES = ("iom_nominal", "iom_alias", "iom_event", "iom_membership", "tasking_meeting",
          "tasking_attendance", "tasking_action", "tasking_decision", "rag_ragstatus",
          "rag_ragchange", "referrals_referral")  # fmt: skip
NEEDS_TABLES = ("performance_needsassessment", "performance_needscore")


class PopulationExists(Exception):
    """Population schemes are already in this database; generate into a fresh one."""


@dataclass
class Summary:
    seconds: dict = field(default_factory=dict)  # step -> seconds
    rows: dict = field(default_factory=dict)  # table -> rows written


def _intelligence_texts():
    return [text.format(substance="cannabis", area="the district") for text in INTELLIGENCE_TEXT]


def _fill_lookups(cursor, schemes, nominals, members):
    cursor.execute(
        "CREATE TEMPORARY TABLE pop_scheme (pos int, scheme_id bigint, first_idx bigint, "
        "last_idx bigint, coordinator_id bigint, members int, levels int)"
    )
    cursor.execute("CREATE TEMPORARY TABLE pop_area (pos int, k int, area_id bigint)")
    cursor.execute("CREATE TEMPORARY TABLE pop_level (pos int, k int, level_id bigint)")
    cursor.execute(
        "CREATE TEMPORARY TABLE pop_staff (pos int, team text, k int, user_id bigint, "
        "agency_id bigint)"
    )
    first, cumulative = 1, 0.0
    for rows, share in zip(schemes, scheme_shares(len(schemes)), strict=True):
        cumulative += share
        last = nominals if rows is schemes[-1] else round(nominals * cumulative)
        cursor.execute(
            "INSERT INTO pop_scheme VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [rows.position, rows.scheme.pk, first, last, rows.staff["coordinator"][0].pk,
             members, len(rows.levels)],
        )  # fmt: skip
        first = last + 1
        for k, area in enumerate(rows.areas, start=1):
            cursor.execute("INSERT INTO pop_area VALUES (%s, %s, %s)", [rows.position, k, area.pk])
        for k, level in enumerate(rows.levels, start=1):
            cursor.execute(
                "INSERT INTO pop_level VALUES (%s, %s, %s)", [rows.position, k, level.pk]
            )
        for team, (kind, _role, _size) in TEAMS.items():
            for k, user in enumerate(rows.staff[team], start=1):
                cursor.execute(
                    "INSERT INTO pop_staff VALUES (%s, %s, %s, %s, %s)",
                    [rows.position, team, k, user.pk, rows.agencies[kind].pk],
                )
    cursor.execute("ANALYZE pop_scheme")
    cursor.execute("ANALYZE pop_staff")


def _step(summary, label, cursor, sql, params=None):
    started = time.perf_counter()
    cursor.execute(sql, params or {})
    summary.seconds[label] = summary.seconds.get(label, 0) + time.perf_counter() - started


def build_population(
    *,
    nominals: int,
    events_per_nominal: float,
    schemes: int,
    seed: int,
    today: date,
    members: int = 300,
    password: str | None = None,
) -> Summary:
    if population_exists():
        raise PopulationExists(
            "This database already holds a generated population (schemes pop-1 …): generate "
            "into a fresh database, so identifiers stay unique and counts mean something."
        )
    summary = Summary()
    total_events = round(nominals * events_per_nominal)
    params = {
        "today": today,
        "nominals": nominals,
        "extra": max(0, total_events - nominals),
        "male": list(names.MALE_FIRST_NAMES),
        "female": list(names.FEMALE_FIRST_NAMES),
        "middle": list(names.MIDDLE_NAMES),
        "last": list(names.LAST_NAMES),
        "nicknames": list(names.NICKNAMES),
        "streets": list(names.STREETS),
        "substances": list(names.SUBSTANCES),
        "offences": OFFENCE_BAG,
        "intelligence": _intelligence_texts(),
        "orders": ORDER_TYPES,
    }
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        built = build_schemes(schemes, password)
        summary.seconds["schemes and staff"] = time.perf_counter() - started
        params["police_users"] = [rows.staff["police"][0].pk for rows in built]
        params["probation_users"] = [rows.staff["probation"][0].pk for rows in built]
        cursor.execute("SET LOCAL session_replication_role = replica")  # no history triggers
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")  # one random() stream
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SELECT setseed(%s)", [(seed % 2_000_000) / 1_000_000 - 1])
        _fill_lookups(cursor, built, nominals, members)
        _step(summary, "nominals", cursor, people_sql.NOMINALS, params)
        _step(summary, "nominals", cursor, people_sql.IDENTIFIERS, params)
        _step(summary, "nominals", cursor, people_sql.INSERT_NOMINALS, params)
        _step(summary, "nominals", cursor, people_sql.ALIASES, params)
        _step(summary, "events", cursor, people_sql.EVENT_COUNTS, params)
        _step(summary, "events", cursor, events_sql.EVENTS, params)
        summary.rows["iom_event"] = cursor.rowcount
        _step(summary, "cohort", cursor, "ANALYZE iom_nominal")
        for sql in (
            cohort_sql.RANKED,
            cohort_sql.SPELLS,
            cohort_sql.MEETINGS,
            cohort_sql.ATTENDANCE,
            cohort_sql.ACTIONS,
            cohort_sql.RETAIN_DECISIONS,
            cohort_sql.RAG_STATUSES,
            cohort_sql.REFERRALS,
        ):
            _step(summary, "cohort", cursor, sql, params)
        if needs_sql.needs_tables_ready():
            params["pathways"] = list(PATHWAYS)
            _step(summary, "needs", cursor, needs_sql.ASSESSMENTS, params)
            _step(summary, "needs", cursor, needs_sql.SCORES, params)
        cursor.execute("SET LOCAL session_replication_role = origin")
        for table in ("pop_w", "pop_rank", "pop_person", "pop_n", "pop_scheme", "pop_area",
                      "pop_level", "pop_staff"):  # fmt: skip
            cursor.execute(f"DROP TABLE {table}")
    started = time.perf_counter()
    # VACUUM as well as ANALYZE when it can (not inside a transaction, e.g. a test): it flushes
    # the trigram indexes' pending lists and sets the visibility map for index-only scans.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in TABLES + (NEEDS_TABLES if needs_sql.needs_tables_ready() else ()):
            cursor.execute(f"{command} {table}")  # noqa: S608 (table names are constants)
    summary.seconds["analyze"] = time.perf_counter() - started
    summary.rows.update(population_counts())
    return summary


def population_counts() -> dict:
    """Rows of each table that belong to the generated schemes."""
    queries = {
        "schemes": "SELECT count(*) FROM iom_scheme s WHERE {pop}",
        "staff": "SELECT count(*) FROM iom_staffprofile t JOIN iom_scheme s ON s.id = t.scheme_id "
        "WHERE {pop}",
        "nominals": "SELECT count(*) FROM iom_nominal t JOIN iom_scheme s ON s.id = t.scheme_id "
        "WHERE {pop}",
        "aliases": "SELECT count(*) FROM iom_alias a JOIN iom_nominal t ON t.id = a.nominal_id "
        "JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "events": "SELECT count(*) FROM iom_event e JOIN iom_nominal t ON t.id = e.nominal_id "
        "JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "memberships": "SELECT count(*) FROM iom_membership t "
        "JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "open memberships": "SELECT count(*) FROM iom_membership t "
        'JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop} AND t."end" IS NULL',
        "meetings": "SELECT count(*) FROM tasking_meeting t "
        "JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "actions": "SELECT count(*) FROM tasking_action a JOIN tasking_meeting t "
        "ON t.id = a.meeting_id JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "decisions": "SELECT count(*) FROM tasking_decision a JOIN tasking_meeting t "
        "ON t.id = a.meeting_id JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "confirmed RAG": "SELECT count(*) FROM rag_ragstatus r JOIN iom_nominal t "
        "ON t.id = r.nominal_id JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
        "referrals": "SELECT count(*) FROM referrals_referral t "
        "JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}",
    }
    if needs_sql.needs_tables_ready():
        queries["needs assessments"] = (
            "SELECT count(*) FROM performance_needsassessment a JOIN iom_membership t "
            "ON t.id = a.membership_id JOIN iom_scheme s ON s.id = t.scheme_id WHERE {pop}"
        )
    pop = "s.slug LIKE 'pop-%%'"
    counts = {}
    with connection.cursor() as cursor:
        for label, sql in queries.items():
            cursor.execute(sql.format(pop=pop))
            counts[label] = cursor.fetchone()[0]
    return counts
