"""No lost update, no server error under load: twenty people press Save on the same record at
the same moment, against a live server with real threads, on SQLite and PostgreSQL. One save
wins; the other nineteen are refused with the stale-form message; nothing answers 5xx."""

from __future__ import annotations

import http.client
import re
import threading
from urllib.parse import urlencode, urlsplit

import pytest

from yjinspect.cases.models import CaseAssessment, SampledCase
from yjinspect.ratings.models import JudgementRating

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 20
STALE = "Someone else saved this"


def session_for(client, user, live_server, path: str) -> tuple[str, str]:
    """(cookie header, CSRF token) for ``user``, from a GET of the form's page."""
    client.force_login(user)
    session = client.cookies["sessionid"].value
    address = urlsplit(live_server.url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = conn.getresponse()
    page = response.read().decode()
    conn.close()
    assert response.status == 200, page[:500]
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return f"sessionid={session}; csrftoken={csrf_cookie}", token


def post_at_once(live_server, path: str, cookie: str, fields: dict[str, str]) -> list[tuple]:
    """PEOPLE threads post the same form at the same instant: (status, body) of each."""
    address = urlsplit(live_server.url)
    start = threading.Barrier(PEOPLE)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def one() -> None:
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        body = urlencode(fields)
        start.wait()
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": live_server.url + path,
            },
        )
        response = conn.getresponse()
        answer = (response.status, response.read().decode())
        conn.close()
        with lock:
            results.append(answer)

    threads = [threading.Thread(target=one) for _ in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def one_saved_the_rest_refused(results: list[tuple[int, str]]) -> None:
    statuses = sorted(status for status, _body in results)
    assert len(results) == PEOPLE and all(s < 500 for s in statuses), statuses
    assert statuses.count(302) == 1  # the one save that won, sent on to the next page
    refused = [body for status, body in results if status == 200]
    assert len(refused) == PEOPLE - 1 and all(STALE in body for body in refused)


def test_twenty_simultaneous_saves_of_one_assessment(client, live_server, sampled, alice):
    case = SampledCase.objects.filter(inspection=sampled, population="court").first()
    path = f"/inspections/{sampled.pk}/cases/{case.pk}/2.1/"
    cookie, token = session_for(client, alice, live_server, path)
    results = post_at_once(
        live_server,
        path,
        cookie,
        {
            "csrfmiddlewaretoken": token,
            "version": "0",
            "case_manager_present": "yes",
            "kq_2_1_1": "yes",
            "kq_2_1_2": "yes",
            "kq_2_1_3": "no",
            "action": "submit",
        },
    )
    one_saved_the_rest_refused(results)
    assessment = CaseAssessment.objects.get(sampled_case=case, standard_id="2.1")
    assert (assessment.version, assessment.state) == (1, "submitted")


def test_twenty_simultaneous_first_ratings_of_one_standard(client, live_server, sampled, ian):
    path = f"/inspections/{sampled.pk}/standards/1.1/"
    cookie, token = session_for(client, ian, live_server, path)
    results = post_at_once(
        live_server,
        path,
        cookie,
        {
            "csrfmiddlewaretoken": token,
            "version": "0",
            "rating": "good",
            "reasons": "Partners share a clear vision.",
        },
    )
    one_saved_the_rest_refused(results)
    assert JudgementRating.objects.get(inspection=sampled, standard_id="1.1").version == 1
