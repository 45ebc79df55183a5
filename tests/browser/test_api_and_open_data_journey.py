"""From the home page by clicking: a lead makes an API token on their account and a program
uses it; anyone finds the open data and the API's documentation; the pages pass the
accessibility check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_token_made_on_the_account_page_opens_the_api(page: Page, inspection, alice):
    sign_in(page, "alice")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Manage API tokens").click()
    assert axe_violations(page) == []
    page.get_by_label("What is the token for?").fill("Weekly export")
    page.get_by_label("Days until it expires").fill("30")
    page.get_by_role("button", name="Make the token").click()
    key = page.locator("[data-new-token]").inner_text()
    assert re.fullmatch(r"yj_[\w-]+", key)
    expect(page.get_by_role("cell", name="Weekly export", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    answer = page.request.get("/api/inspections/", headers={"Authorization": f"Bearer {key}"})
    assert answer.ok and answer.json()["items"][0]["id"] == inspection.pk
    page.get_by_role("button", name="Revoke Weekly export").click()
    refused = page.request.get("/api/inspections/", headers={"Authorization": f"Bearer {key}"})
    assert refused.status == 401


def test_anyone_finds_the_open_data_and_the_api_documentation(page: Page):
    page.goto("/")
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", name="Open data: published ratings")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="The API's documentation").click()
    expect(page.get_by_role("heading", name="API documentation")).to_be_visible()
    assert axe_violations(page) == []
