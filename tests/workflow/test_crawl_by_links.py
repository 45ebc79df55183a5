"""Every role, starting at the home page and signing in through the form it links to, follows
every link it is shown: no page answers 5xx, no link leads to a refusal (403) or to nothing
(404), none prints escaped markup as text, and every page
of the product is reached by some role by links alone (none needs its URL typed)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, get_resolver, resolve

from yjinspect.catalogue.demo import DEMO_USERS, load_demo

from ..conftest import totp_code

# Markup that escaping turned into visible text ("&lt;a class=…" on the page).
ESCAPED_MARKUP = re.compile(r"&lt;/?(a|span|strong|p|div|code|br|ul|li|form|button|input|h\d)\b")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# The same page kind with other ids adds little: a few of each keep the crawl short.
VISITS_PER_PAGE_KIND = 4  # one per demo inspection: each framework version has pages of its own
# Not pages a person navigates to: forms post to them, or machines call them.
# Files rendered on request (a PDF takes most of a second): one of each kind is enough.
DOWNLOADS = {
    "reports:draft_pdf",
    "reports:published",
    "public_reports:pdf",
    "plans:export",
    "cases:caseload_template",
    "boardpack:pack_pdf",
    "kpis:template",
    "ratings:export",
    "cases:workbook_download",
    "open_data:ratings_json",
    "open_data:ratings_csv",
    "open_data:dictionary",
}
NOT_PAGES = {
    "inspections:advance",
    "selfassessment:take_caseload",  # the self-assessment's caseload page posts to it
    # A workbook brought back is shown after its upload (test_offline_workbook follows it).
    "cases:workbook_import",
    "logout",
    "set_language",
    "healthz",
    "reports:progress",  # JSON for a progress page's live region
    "cases:caseload_progress",
    "recovery_codes",  # a form on the account page posts to it
    # Before signing in (linked from the sign-in page), after a form, or from an e-mail:
    # test_accounts follows them.
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
PASSWORD = "a-crawl-password"
TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_on(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def page_kind(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl_as(client, username: str) -> tuple[Counter[str], list[str]]:
    """Sign in from the home page's link, then follow every link breadth first. Returns the
    page kinds reached and the problems found."""
    problems: list[str] = []
    home = client.get("/")
    sign_in = next(h for h in links_on(home.content.decode()) if h.startswith("/sign-in/"))
    response = client.post(sign_in, {"username": username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200 and response.wsgi_request.user.is_authenticated, username
    reached = Counter[str]({"login": 1})
    if response.wsgi_request.path == "/sign-in/code/":  # the second step, with the app's code
        code = totp_code(response.wsgi_request.user)
        response = client.post(response.wsgi_request.get_full_path(), {"code": code}, follow=True)
        reached["second_factor"] += 1
    start = response.wsgi_request.get_full_path()
    seen = {start}
    queued = Counter[str]()  # page kinds put on the queue
    queue = [start]
    referrer = {start: "/sign-in/"}
    while queue:
        path = queue.pop(0)
        answer = client.get(path)
        kind = page_kind(urlsplit(path).path) or path
        if answer.status_code >= 500:
            problems.append(f"{username}: {path} answered {answer.status_code}")
            continue
        if answer.status_code in (403, 404):
            # A page offers only what this person may open: a link to a refusal is a dead end.
            problems.append(
                f"{username}: {referrer[path]} links to {path}, which answers {answer.status_code}"
            )
            continue
        if answer.status_code != 200:
            continue
        reached[kind] += 1
        if not answer["Content-Type"].startswith("text/html"):
            continue
        html = answer.content.decode()
        if found := ESCAPED_MARKUP.search(html):
            problems.append(f"{username}: {path} prints escaped markup {found.group(0)!r}")
        title = TITLE.search(html)
        if title is None or len(title.group(1)) > 200 or "<" in title.group(1):
            # A page's title is what a browser tab and a screen reader announce first.
            problems.append(f"{username}: {path} has no short plain title")
        for href in links_on(html):
            href = urldefrag(href).url
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(("/static/", "/admin/")) or href in seen:
                continue
            target = page_kind(parts.path)
            if target is None:
                problems.append(f"{username}: {path} links to {href}, which does not exist")
                continue
            if queued[target] >= (1 if target in DOWNLOADS else VISITS_PER_PAGE_KIND):
                continue
            queued[target] += 1
            seen.add(href)
            referrer[href] = path
            queue.append(href)
    return reached, problems


def all_page_kinds() -> set[str]:
    names: set[str] = set()

    def walk(resolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                # The API is for programs (tests/api); its documentation page is a page.
                if pattern.namespace not in ("admin", "api"):
                    walk(pattern, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names - NOT_PAGES


@pytest.mark.django_db
def test_every_role_moves_by_links_without_errors_or_escaped_markup(client, settings):
    settings.YJ_TWO_FACTOR = True  # the inspecting roles sign in with the demo's app key
    load_demo(PASSWORD, TOTP_SECRET)
    reached_by_anyone: set[str] = set()
    problems: list[str] = []
    for username in DEMO_USERS:
        client.logout()
        reached, found = crawl_as(client, username)
        problems += found
        reached_by_anyone |= set(reached)
        # Everyone gets past the landing page into an inspection.
        assert "inspections:detail" in reached, f"{username} could not open an inspection"
    assert problems == []
    unreachable = all_page_kinds() - reached_by_anyone
    assert unreachable == set(), f"pages nobody can reach by links: {sorted(unreachable)}"
