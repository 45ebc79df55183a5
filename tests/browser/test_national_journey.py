"""From the home page by clicking: a lead inspector opens the national picture, narrows a figure
to Wales, reads the chart's table, finds disproportionality and the ranking of whom to inspect,
and follows a service to its history across framework versions; axe finds nothing on the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from yjinspect.catalogue.demo_national import load_national

from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_reads_the_national_picture_by_clicking(page: Page, alice):
    load_national(10, 5, seed=3, progress=lambda _line: None)
    sign_in(page, "alice")
    page.get_by_role("link", name="National picture").click()
    expect(page.get_by_role("heading", name="The national picture")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Overall ratings by year and nation").click()
    page.get_by_label("Nation", exact=True).select_option(label="Wales")
    page.get_by_role("button", name="Show the figures").click()
    assert "nation=wales" in page.url
    table = page.get_by_role("table", name="The figures in the chart")
    expect(table).to_be_visible()
    assert "England" not in table.inner_text()
    expect(page.locator("svg[role=img] desc")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename == "national-overall.csv"
    assert axe_violations(page) == []
    page.get_by_role("link", name="The national picture").click()
    page.get_by_role("link", name="Standards heat map").click()
    expect(
        page.locator("td.yj-heat-0, td.yj-heat-1, td.yj-heat-2, td.yj-heat-3, td.yj-heat-4").first
    ).to_be_visible()
    assert axe_violations(page) == []  # the shades keep their text readable
    page.get_by_role("link", name="The national picture").click()
    page.get_by_role("link", name="Disproportionality").click()
    expect(
        page.get_by_role("table", name="Relative rate index by stage and ethnic group")
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="The national picture").click()
    page.get_by_role("link", name="Whom to inspect next").click()
    expect(page.get_by_role("table", name="How the score is made")).to_be_visible()
    ranking = page.get_by_role("table", name="Services, highest priority first")
    first = ranking.get_by_role("link").first
    name = first.inner_text()
    assert axe_violations(page) == []
    first.click()
    expect(page.get_by_role("heading", name=f"{name}: published ratings over time")).to_be_visible()
    assert axe_violations(page) == []
