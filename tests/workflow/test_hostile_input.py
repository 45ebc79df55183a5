"""No input makes a server error: every URL pattern with hostile ids, and every form field the
product has, posted with hostile values to every page, as every role. 0 answers 5xx."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import product

import pytest
from django.contrib.auth.models import User
from django.urls import get_resolver

from yjinspect.catalogue.demo import DEMO_USERS, load_demo
from yjinspect.inspections.models import Inspection

PASSWORD = "a-hostile-password"
HOSTILE = ["abc", "-1", str(10**23), "", "\x00", "x" * 20_000, "0", "1.5", "2099-99-99"]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


class Forms(HTMLParser):
    """The names of every field of every form on a page (inputs, selects, buttons)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea", "button") and name:
            self.names.add(name)


def patterns() -> list[tuple[str, str]]:
    """(view name, route) of every URL pattern outside the admin site."""
    found: list[tuple[str, str]] = []

    def walk(resolver, prefix: str, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace != "admin":
                    walk(pattern, route, pattern.namespace or namespace)
            elif pattern.name:
                found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, route))

    walk(get_resolver(), "", None)
    return found


def concrete(route: str, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda m: values.get(m.group(2), "1"), route)


@pytest.mark.django_db
def test_no_hostile_id_or_value_makes_a_server_error(client):
    load_demo(PASSWORD)
    # Real ids where the parameter is not the one under attack, so the view itself is reached.
    inspection = Inspection.objects.filter(status="fieldwork").first()
    sampled = inspection.sampled_cases.first()
    valid = {
        "pk": str(inspection.pk),
        "sampled_id": str(sampled.pk),
        "standard_id": "2.1",
        "domain_id": "1",
        "framework_id": "hmip-yjs-2021",
        "upload_id": str(inspection.caseload_imports.first().pk),
        "alert_id": str(inspection.alerts.first().pk if inspection.alerts.exists() else 1),
        "action_id": "1",
        "report_id": "1",
        "kind": "csv",
    }
    routes = patterns()
    # Every form field name the product shows anywhere, as the lead sees the pages.
    client.force_login(User.objects.get(username="lead"))
    fields: set[str] = {"remove", "withdraw", "decide", "sampled", "case", "recommendation"}
    for _name, route in routes:
        response = client.get(concrete(route, valid))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            parser = Forms()
            parser.feed(response.content.decode())
            fields |= parser.names
    fields.discard("csrfmiddlewaretoken")

    errors: list[str] = []
    requests = 0
    for username in [None, *DEMO_USERS]:
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        for (name, route), value in product(routes, HOSTILE):
            if name in ("logout", "set_language"):
                continue  # signing out or switching language mid-walk proves nothing
            parameters = [m.group(2) for m in PARAMETER.finditer(route)]
            urls = [concrete(route, {**valid, p: value}) for p in parameters] or [
                concrete(route, valid)
            ]
            for url in urls:
                for method, data in (
                    ("get", {f: value for f in ("case", "lang", "kind")}),
                    ("post", {f: value for f in fields}),
                ):
                    try:
                        response = getattr(client, method)(url, data)
                    except Exception as error:  # the test client re-raises a view's crash
                        errors.append(f"{username} {method} {url[:80]}: {error!r}"[:300])
                        continue
                    requests += 1
                    if response.status_code >= 500:
                        errors.append(f"{username} {method} {url[:80]}: {response.status_code}")
    assert errors == [], f"{len(errors)} of {requests} requests failed: {errors[:10]}"
    assert requests > 1000
