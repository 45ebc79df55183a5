"""Benchmark: p95 latency of the inspection overview, a case assessment form and the ratings
page of a ~100-case assessed inspection, under 20 concurrent clients against the production
server (gunicorn + WhiteNoise, `yjinspect serve`), each as a ratio to the /healthz view served
the same way, to the same signed-in clients, in the same run.

Target: every ratio <= 3. The RESULT line gives the worst.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django

CLIENTS = 20
REQUESTS_PER_CLIENT = 25
# The machine is shared and noisy: measure in interleaved rounds and take each page's median.
ROUNDS = 3
TARGET = 3.0
PASSWORD = "bench-password-1"
TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_inspection() -> tuple[int, int]:
    """A demonstration inspection with a larger caseload, so about 100 cases are assessed."""
    from yjinspect.cases.models import SampledCase
    from yjinspect.catalogue.demo import DEMO_FIELDWORK, fill_inspection, load_demo
    from yjinspect.inspections.models import Inspection, TeamMember
    from yjinspect.services.models import YouthJusticeService

    load_demo(PASSWORD, TOTP_SECRET)
    from django.contrib.auth import get_user_model

    lead = get_user_model().objects.get(username="lead")
    inspection = Inspection.objects.create(
        service=YouthJusticeService.objects.get(nation="england"),
        framework_id="hmip-yjs-2018",
        fieldwork_start=DEMO_FIELDWORK,
        fieldwork_end=date(2024, 5, 17),
        created_by=lead,
    )
    for name, role in (
        ("lead", "lead_inspector"),
        ("inspector", "inspector"),
        ("assessor", "local_assessor"),
    ):
        TeamMember.objects.create(
            inspection=inspection, user=get_user_model().objects.get(username=name), role=role
        )
    fill_inspection(inspection, lead, caseload_rows=1200)
    cases = SampledCase.objects.filter(inspection=inspection, replaced_reason="")
    case = cases.filter(population="court").first()
    assert case is not None
    print(f"inspection: {cases.count()} sampled cases, all assessed")
    return inspection.pk, case.pk


def sign_in(port: int, username: str = "lead") -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/sign-in/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/sign-in/",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/sign-in/",
        },
    )
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", ""))
    assert response.status == 302 and session, f"sign-in failed: {response.status}"
    cookie = f"sessionid={session.group(1)}; csrftoken={csrf_cookie}"
    # The lead's second step: the code the demo's authenticator key gives now.
    from yjinspect.accounts.two_factor import code_now

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/sign-in/code/", headers={"Cookie": cookie})
    page = conn.getresponse().read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/sign-in/code/",
        urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": code_now(TOTP_SECRET)}),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}/sign-in/code/",
        },
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 302, f"second step failed: {response.status}"
    return cookie


def p95_latency(port: int, path: str, cookie: str) -> float:
    """p95 in seconds over CLIENTS x REQUESTS_PER_CLIENT requests, CLIENTS at a time."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        mine = []
        for _ in range(REQUESTS_PER_CLIENT):
            start = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(f"{path}: {response.status}")
            conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]
    return statistics.quantiles(latencies, n=20)[18]


@contextlib.contextmanager
def served(data_dir: str) -> Iterator[int]:
    """The production server (gunicorn, 4 workers) on a free port, ready; stopped after."""
    port = free_port()
    env = {**os.environ, "YJ_DATA_DIR": data_dir, "YJ_WORKERS": "4"}
    yjinspect = str(Path(sys.executable).parent / "yjinspect")
    server = subprocess.Popen(
        [yjinspect, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    data_dir = _django.setup()
    inspection_id, case_id = build_inspection()
    with served(data_dir) as port:
        cookie = sign_in(port)
        pages = {
            "inspection overview": f"/inspections/{inspection_id}/",
            "case assessment form": f"/inspections/{inspection_id}/cases/{case_id}/2.1/",
            "ratings page": f"/inspections/{inspection_id}/ratings/",
        }
        targets = {"hello world (/healthz)": "/healthz", **pages}
        for path in targets.values():  # warm every worker
            p95_latency(port, path, cookie)
        rounds: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, path in targets.items():
                rounds[name].append(p95_latency(port, path, cookie))
        p95 = {name: statistics.median(values) for name, values in rounds.items()}
        baseline = p95.pop("hello world (/healthz)")
        print(f"hello world (/healthz) p95: {baseline * 1000:.1f} ms (median of {ROUNDS} rounds)")
        worst = 0.0
        for name, value in p95.items():
            ratio = value / baseline
            worst = max(worst, ratio)
            print(f"{name:<22} p95: {value * 1000:6.1f} ms  ratio {ratio:.2f}")
    print(f"RESULT name=pages value={worst:.2f} unit=ratio target={TARGET}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
