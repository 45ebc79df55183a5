"""Benchmark: 20 signed-in users for 5 minutes against the production server (gunicorn,
`yjinspect serve`), each going round the workflow's pages (an inspection's overview, a case
assessment form, the ratings, the sample, the report) and the national dashboards (every figure,
disproportionality, the ranking), with /healthz among them. Prints requests per second, each
page's p95 and every error.

Target: no error, and every page's p95 at most 3x the /healthz p95 under the same load (the
RESULT line gives the worst ratio). Shorter runs: --seconds 60.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django
from pages import build_inspection, served, sign_in

USERS = 20
TARGET = 3.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--users", type=int, default=USERS)
    args = parser.parse_args()
    data_dir = _django.setup(os.environ.get("DATABASE_URL"))
    inspection_id, case_id = build_inspection()
    from yjinspect.catalogue.demo_national import load_national
    from yjinspect.national.figures import FIGURES

    loaded = load_national(30, 5, 2, progress=lambda _line: None)
    print(f"national dataset: {loaded.inspections} inspections, {loaded.answers:,} answers")
    paths = {
        "hello world (/healthz)": "/healthz",
        "inspection overview": f"/inspections/{inspection_id}/",
        "case assessment form": f"/inspections/{inspection_id}/cases/{case_id}/2.1/",
        "ratings": f"/inspections/{inspection_id}/ratings/",
        "sample": f"/inspections/{inspection_id}/sample/",
        "national index": "/national/",
        **{f"national: {fid}": f"/national/{fid}/" for fid in FIGURES},
        "disproportionality": "/national/disproportionality/",
        "whom to inspect": "/national/selection/",
    }
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    with served(data_dir) as port:
        # One session for each of the inspectorate's demo people (a two-factor code is good
        # once per person), shared round the users as colleagues' browsers would be.
        sessions = [sign_in(port, name) for name in ("lead", "inspector", "admin")]
        cookies = [sessions[n % len(sessions)] for n in range(args.users)]
        stop = time.monotonic() + args.seconds

        def user(number: int) -> None:
            mine: dict[str, list[float]] = defaultdict(list)
            names = list(paths)
            step = number  # each user starts at a different page
            while time.monotonic() < stop:
                name = names[step % len(names)]
                step += 1
                start = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request("GET", paths[name], headers={"Cookie": cookies[number]})
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    if response.status != 200:
                        with lock:
                            errors.append(f"{name}: HTTP {response.status}")
                except OSError as error:
                    with lock:
                        errors.append(f"{name}: {error}")
                    continue
                mine[name].append(time.perf_counter() - start)
            with lock:
                for name, values in mine.items():
                    latencies[name].extend(values)

        began = time.monotonic()
        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    total = sum(len(v) for v in latencies.values())
    print(
        f"{args.users} users for {elapsed:.0f} s: {total:,} requests, "
        f"{total / elapsed:.1f} requests/s, {len(errors)} errors"
    )
    for line in sorted(set(errors))[:10]:
        print(f"  error: {line}")

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]

    baseline = p95(latencies.pop("hello world (/healthz)"))
    print(f"hello world (/healthz) p95 under load: {baseline * 1000:.1f} ms")
    worst = 0.0
    for name, values in sorted(latencies.items()):
        ratio = p95(values) / baseline
        worst = max(worst, ratio)
        print(
            f"{name:<28} {len(values):6} requests  p95 {p95(values) * 1000:7.1f} ms  {ratio:5.2f}x"
        )
    print(f"RESULT name=load value={worst:.2f} unit=ratio target={TARGET}")
    return 0 if worst <= TARGET and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
