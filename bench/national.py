"""Benchmark: each national-picture dashboard's server time (the whole request, signed in, as
a reader asks for it) as a ratio to the least a page of that figure could cost: the hello-world
request (/healthz) plus a hand-written SQL GROUP BY of the same figure, both timed in the same
run on the same database. Target: at most 2x and under 500 ms, on PostgreSQL with the synthetic
national dataset (150 services, 7 years). The ratio to the GROUP BY alone is printed too.

Pages are cached until what they show changes (a publication, a plan's action, a return), so
two figures are printed for each: "cold", every request rendered (the cache emptied first: the
first reader after a change), and "warm", a repeated read. The RESULT line is the warm ratio;
the cold page must still be under 500 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yj_bench_national \
        .venv/bin/python bench/national.py

Without DATABASE_URL it runs on a fresh SQLite file (a check that it works, not the target's
measure). With --services/--years a smaller dataset loads faster.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django

TARGET_RATIO = 2.0
TARGET_MS = 500.0
RUNS = 7

# The same figure as each dashboard, written by hand: what a careful analyst would run.
SQL = {
    "overall": """
        SELECT year, nation, framework_id, overall, COUNT(*) FROM national_publishedinspection
        WHERE overall <> '' GROUP BY year, nation, framework_id, overall""",
    "standards": """
        SELECT standard_id, year, COUNT(*) FILTER (WHERE rating <> ''),
               COUNT(*) FILTER (WHERE rating IN ('outstanding', 'good'))
        FROM national_publishedstandard WHERE framework_id = 'hmip-yjs-2025'
        GROUP BY standard_id, year""",
    "key-questions": """
        SELECT key_question_id, year, SUM(yes), SUM(applicable)
        FROM national_publishedkeyquestion
        WHERE framework_id = 'hmip-yjs-2025' AND standard_id = '1.1'
        GROUP BY key_question_id, year""",
    "weakest": """
        SELECT framework_id, standard_id, key_question_id, SUM(yes), SUM(applicable)
        FROM national_publishedkeyquestion GROUP BY framework_id, standard_id, key_question_id
        HAVING SUM(applicable) > 0 ORDER BY 1.0 * SUM(yes) / SUM(applicable) LIMIT 10""",
    "alerts": """
        SELECT year, nation, SUM(alerts), SUM(children), COUNT(*)
        FROM national_publishedinspection GROUP BY year, nation""",
    "plans": """
        SELECT n.year, n.nation, COUNT(*), COUNT(*) FILTER (WHERE a.status = 'done'),
               COUNT(*) FILTER (WHERE a.status <> 'done' AND a.due < CURRENT_DATE)
        FROM plans_improvementaction a
        JOIN national_publishedinspection n ON n.inspection_id = a.inspection_id
        GROUP BY n.year, n.nation""",
    "indicators": """
        SELECT m.measure, m.part, s.nation, m.quarter, SUM(m.numerator), SUM(m.denominator)
        FROM kpis_measurevalue m JOIN services_youthjusticeservice s ON s.id = m.service_id
        GROUP BY m.measure, m.part, s.nation, m.quarter""",
}


def median_ms(action) -> float:  # type: ignore[no-untyped-def]
    action()  # warm: the first run fills caches (templates, the framework files)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=150)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if database_url and database_url.startswith("postgres"):
        _fresh_postgres(database_url)
    _django.setup(database_url)
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from yjinspect.accounts.models import Role
    from yjinspect.catalogue.demo_national import _person, load_national
    from yjinspect.national.figures import FIGURES

    settings.ALLOWED_HOSTS = ["*"]
    settings.YJ_TWO_FACTOR = False
    began = time.monotonic()
    loaded = load_national(args.services, args.years, args.seed, progress=lambda _l: None)
    print(
        f"{connection.vendor}: loaded {loaded.inspections} inspections ({loaded.published} "
        f"published), {loaded.answers:,} answers, {loaded.measure_values:,} KPI values in "
        f"{time.monotonic() - began:.0f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(_person("bench-reader", Role.INSPECTOR))
    worst_ratio, worst_ms = 0.0, 0.0
    hello = median_ms(lambda: client.get("/healthz"))
    print(f"hello world (/healthz): {hello:.1f} ms")
    for figure_id in FIGURES:
        sql = SQL[figure_id]

        def by_hand(sql: str = sql) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()

        def page(figure_id: str = figure_id, cold: bool = False) -> None:
            if cold:
                caches["pages"].clear()
            response = client.get(f"/national/{figure_id}/")
            assert response.status_code == 200, response.status_code

        base = median_ms(by_hand)
        cold = median_ms(lambda page=page: page(cold=True))
        warm = median_ms(page)
        ratio = warm / (hello + base)
        worst_ratio, worst_ms = max(worst_ratio, ratio), max(worst_ms, cold, warm)
        print(
            f"{figure_id:14} GROUP BY {base:6.1f} ms   cold {cold:6.1f} ms "
            f"({cold / (hello + base):5.2f}x)   warm {warm:6.1f} ms "
            f"({ratio:5.2f}x hello + GROUP BY)"
        )
    print(f"slowest page: {worst_ms:.1f} ms (target under {TARGET_MS:.0f} ms)")
    print(f"RESULT name=national value={worst_ratio:.2f} unit=ratio target={TARGET_RATIO:g}")
    return 0 if worst_ratio <= TARGET_RATIO and worst_ms < TARGET_MS else 1


def _fresh_postgres(database_url: str) -> None:
    """An empty database of the URL's name, made again each run."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    raise SystemExit(main())
