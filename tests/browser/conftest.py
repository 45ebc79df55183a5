"""Browser tests: Debian's Chromium driven by Playwright, against Django's live server.

axe-core comes from the npm package (node_modules/axe-core), injected into each page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect, sync_playwright

from yjinspect.accounts import two_factor

from ..conftest import totp_code

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Browser:
    executable = os.environ.get("YJ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    # Playwright's sync API runs an event loop; Django refuses ORM calls from inside one
    # unless told this is deliberate (the tests call the ORM between page actions).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server, settings) -> Page:
    settings.YJ_TWO_FACTOR = True  # every journey signs in as people do, second step included
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused: list[str] = []  # anything the Content-Security-Policy blocked on our pages
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "the pages need something their Content-Security-Policy refuses"


def sign_in(page: Page, username: str) -> None:
    """From the home page, as a person arrives: the header's sign-in link, then the form."""
    page.goto("/")
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("pass-" + username)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/account/two-factor/" in page.url:
        # First sign-in of an inspecting role: set up the app from the key on the page, with
        # the code computed here as the app would, and pass the recovery codes.
        key = page.locator("code.yj-secret").inner_text()
        page.get_by_label("Code from the app").fill(two_factor.code_now(key))
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
        expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
        page.get_by_role("button", name="Continue").click()
    elif "/sign-in/code/" in page.url:
        page.get_by_label("Code").fill(totp_code(User.objects.get(username=username)))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/inspections/")


def open_inspection(page: Page, service_name: str, section: str | None = None) -> None:
    """From the inspections list (everyone's landing page): the service's link, then one of
    the inspection's pages from its sub-navigation."""
    page.get_by_role("link", name="Inspections", exact=True).first.click()
    page.get_by_role("link", name=service_name, exact=True).first.click()
    if section is not None:
        nav = page.get_by_role("navigation", name="Inspection pages")
        nav.get_by_role("link", name=section, exact=True).click()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands."""
    # Evaluated through the browser's debugging protocol, which the page's Content-Security-
    # Policy does not govern: a <script> tag of it would be refused as inline script.
    page.evaluate(AXE.read_text() + "\n;undefined")
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
            .violations.map(v => ({id: v.id, help: v.help,
                                   nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))""",
        WCAG_TAGS,
    )
