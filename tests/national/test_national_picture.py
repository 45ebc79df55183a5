"""The national picture: figures counted from what was published (never from work in
progress), narrowed by filters, downloaded as the same cells, and a service's history joined
across framework versions only where the crosswalk says the standards are the same."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from yjinspect.catalogue.demo_national import load_national
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection
from yjinspect.national.figures import FIGURES, Filters
from yjinspect.national.models import PublishedInspection, PublishedKeyQuestion

from ..conftest import publish_now


@pytest.fixture
def national(db):
    """Nine synthetic services (one in Wales) over six years (2021 and 2025 frameworks, and
    2018's in the first months)."""
    load_national(9, 6, seed=5, progress=lambda _line: None)


def _text(response) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_publishing_an_inspection_adds_it_to_the_picture_and_nothing_else_counts(
    sampled, alice, service, as_user
):
    draft = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=date(2026, 3, 2),
        fieldwork_end=date(2026, 3, 6),
    )
    from yjinspect.findings import services as findings

    findings.add_recommendation(
        alice, sampled, body="board", body_name="Board", text="Act.", standards=["1.1"]
    )
    from yjinspect.cases.models import SampledCase

    from ..workflow.test_ratings_page import submit

    cases = SampledCase.objects.filter(inspection=sampled, population="court")[:5]
    for n, case in enumerate(cases):  # 2.1.2 is "yes" in 3 of 5 cases: 60%
        submit(sampled, alice, case, ["yes", "yes" if n < 3 else "no", "na"])
    assert PublishedInspection.objects.count() == 0
    published = publish_now(sampled, alice)
    summary = PublishedInspection.objects.get()
    assert summary.inspection == published and draft.pk != summary.pk
    assert summary.nation == "wales" and summary.year == date.today().year
    ratings = published.published_ratings["en"]
    assert summary.overall == (ratings["overall"] or "")
    kq = ratings["standards"]["2.1"]["key_questions"]
    stored = {
        r.key_question_id: (r.yes, r.applicable)
        for r in PublishedKeyQuestion.objects.filter(standard_id="2.1")
    }
    assert stored == {k: (v["yes"], v["applicable"]) for k, v in kq.items()}
    assert stored["2.1.2"] == (3, 5)
    page = _text(as_user(alice).get(reverse("national:figure", args=["key-questions"])))
    assert "2.1.2: 2026 60%" in page.replace(str(date.today().year), "2026")


def test_figures_are_the_published_ratings_counted(national, alice):
    expected: Counter[tuple[int, str, str]] = Counter()
    for summary in PublishedInspection.objects.select_related("inspection"):
        overall = summary.inspection.published_ratings["en"]["overall"]
        if overall:
            expected[(summary.year, summary.nation, overall)] += 1
    assert sum(expected.values()) > 25
    table = FIGURES["overall"].compute(Filters())
    titles = {
        "outstanding": "Outstanding",
        "good": "Good",
        "inadequate": "Inadequate",
        "requires_improvement": "Requires improvement",
    }
    shown = {
        (row[0], row[1].lower(), row[2]): row[3] for row in table.rows if row[2] != "Top two levels"
    }
    assert shown == {(y, n, titles[r]): c for (y, n, r), c in expected.items()}
    # An inspection not yet published is in the database, never in a figure.
    inspections.create_inspection(
        alice,
        service=PublishedInspection.objects.first().service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=date(2026, 3, 2),
        fieldwork_end=date(2026, 3, 6),
    )
    assert FIGURES["overall"].compute(Filters()).rows == table.rows
    assert (
        PublishedInspection.objects.count()
        == Inspection.objects.filter(published_ratings__isnull=False).count()
    )


def test_each_figure_has_a_page_a_chart_with_words_and_the_same_cells_as_csv(
    national, as_user, alice
):
    client = as_user(alice)
    home = client.get(reverse("home"))
    assert reverse("national:index") in home.content.decode()
    index = client.get(reverse("national:index")).content.decode()
    for figure in FIGURES.values():
        assert reverse("national:figure", args=[figure.id]) in index
        page = client.get(reverse("national:figure", args=[figure.id]), {"nation": "wales"})
        assert page.status_code == 200
        body = page.content.decode()
        assert "&lt;" not in body.split("<main", 1)[1].split("</main>")[0].replace("&lt;=", "")
        download = client.get(reverse("national:figure_csv", args=[figure.id]), {"nation": "wales"})
        rows = _csv(download)
        table = figure.compute(Filters(nation="wales"))
        assert rows[0] == [str(c) for c in table.columns]
        assert len(rows) - 1 == len(table.rows) > 0, figure.id
        if table.chart:
            assert "<desc" in body and "<title" in body
    overall = _csv(
        client.get(reverse("national:figure_csv", args=["overall"]), {"nation": "wales"})
    )
    assert {row[1] for row in overall[1:]} == {"Wales"}


def test_a_filter_out_of_range_is_named_and_the_rest_still_apply(national, as_user, ian):
    client = as_user(ian)
    page = client.get(
        reverse("national:figure", args=["alerts"]),
        {"nation": "england", "year_from": "twenty", "year_to": "1999"},
    )
    assert page.status_code == 200
    text = _text(page)
    assert "There is a problem" in text and "Enter a year like 2022" in text
    assert "Wales" not in text.split("The figures in the chart")[1]
    region = client.get(
        reverse("national:figure", args=["alerts"]), {"nation": "wales", "region": "london"}
    )
    assert "Choose a region in the nation chosen" in _text(region)
    assert client.get(reverse("national:figure", args=["nonsense"])).status_code == 404


def test_only_the_inspectorate_sees_the_national_picture(national, as_user, mona, lara, client):
    for person in (mona, lara):
        signed_in = as_user(person)
        assert reverse("national:index") not in signed_in.get(reverse("home")).content.decode()
        assert signed_in.get(reverse("national:index")).status_code == 403
        assert signed_in.get(reverse("national:figure_csv", args=["overall"])).status_code == 403
    client.logout()
    assert client.get(reverse("national:index")).status_code == 302


def test_history_joins_only_the_same_standard_across_versions(national, as_user, alice):
    from yjinspect.engine.crosswalk import Correspondence, get_crosswalk

    summary = (
        PublishedInspection.objects.filter(framework_id="hmip-yjs-2025")
        .order_by("service_id")
        .first()
    )
    service = summary.service
    earlier = PublishedInspection.objects.filter(
        service=service, framework_id="hmip-yjs-2021"
    ).first()
    assert earlier is not None
    response = as_user(alice).get(reverse("national:history", args=[service.pk]))
    assert "&lt;" not in response.content.decode()  # the headings' line breaks are markup
    page = _text(response)
    assert "Earlier standards not joined to a later one" in page
    phrases = {
        Correspondence.MERGED: "Not comparable (merged)",
        Correspondence.SPLIT: "Not comparable (split)",
        Correspondence.NONE: "No counterpart",
    }
    walk = get_crosswalk("hmip-yjs-2021", "hmip-yjs-2025")
    unlike = [s for s in ("1.1", "1.2", "1.3", "V1") if walk.for_later(s).kind in phrases]
    assert unlike, "the 2025 remodelling has standards unlike 2021's"
    for sid in unlike:
        row = page.split(f" {sid} ", 1)[1][:200]
        assert phrases[walk.for_later(sid).kind] in row
    # Reached by links: the figures' index, the services with something published.
    listing = as_user(alice).get(reverse("national:services")).content.decode()
    assert reverse("national:history", args=[service.pk]) in listing


def test_a_figure_page_is_cached_until_what_it_shows_changes(
    national, as_user, alice, django_assert_max_num_queries
):
    from django.core.cache import caches

    from yjinspect.plans.models import ImprovementAction

    caches["pages"].clear()
    client = as_user(alice)
    url = reverse("national:figure", args=["plans"])
    client.get(url)  # sets the CSRF cookie
    first = client.get(url)
    with django_assert_max_num_queries(5):  # session, user, role, version: no figures
        again = client.get(url)
    assert again.content == first.content and "private" in again["Cache-Control"]
    before = FIGURES["plans"].compute(Filters()).rows
    for action in ImprovementAction.objects.exclude(status="done"):
        action.status = "done"
        action.save()  # as the service's page does, one by one
    after = FIGURES["plans"].compute(Filters()).rows
    assert after != before
    assert f'<td class="govuk-table__cell">{after[0][3]}</td>' in client.get(url).content.decode()


def test_the_index_gives_the_annual_headline_the_inspectorate_quotes(national, as_user, ian):
    from yjinspect.national.figures import headlines, years_published

    latest = years_published()[-1]
    rows = [s for s in PublishedInspection.objects.filter(year=latest).exclude(overall="")]
    good = [s for s in rows if s.overall in ("outstanding", "good")]
    together = next(h for h in headlines(latest) if h.nation == "")
    assert (together.inspections, together.favourable) == (len(rows), len(good))
    page = _text(as_user(ian).get(reverse("national:index")))
    assert f"England and Wales, {latest}:" in page
    assert f"{round(100 * len(good) / len(rows))}% of {len(rows)} inspections" in page


def test_a_services_kpis_stand_beside_its_nations_and_the_national_figures(national, as_user, ian):
    from yjinspect.kpis.models import MeasureValue
    from yjinspect.services.models import YouthJusticeService

    service = YouthJusticeService.objects.filter(nation="wales").first()
    table = FIGURES["indicators"].compute(Filters(service=service.pk))
    own = [row for row in table.rows if row[3] == service.name]
    assert own, "the service's own rows come first"
    reoffending = next(row for row in own if row[0] == "NI 2")
    year = table.columns[-1]
    values = MeasureValue.objects.filter(
        service=service, measure="reoffending", quarter__startswith=year
    )
    num = sum(v.numerator for v in values)
    den = sum(v.denominator for v in values)
    assert reoffending[-1] == round(100 * num / den, 1)
    places = [row[3] for row in table.rows if row[0] == "NI 2"]
    assert places == [service.name, "England", "Wales", "England and Wales"]
    client = as_user(ian)
    page = _text(
        client.get(reverse("national:figure", args=["indicators"]), {"service": service.pk})
    )
    assert service.name in page.split("The figures in the chart")[1]
    refused = client.get(
        reverse("national:figure", args=["indicators"]), {"service": "99999999999999999999999"}
    )
    assert refused.status_code == 200 and "Choose a service from the list" in _text(refused)
