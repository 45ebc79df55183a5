"""Whom to inspect next: a ranking from the indicators, the last rating, time since the last
inspection and volume, with the configured weights shown, each service's reasons, a CSV of every
component, and the indicators imported for all services at once, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yjinspect.catalogue.demo_national import load_national
from yjinspect.engine.selection import selection_policy
from yjinspect.kpis.models import MeasureValue
from yjinspect.national import selection
from yjinspect.national.figures import Filters
from yjinspect.services.models import ServiceChange, YouthJusticeService


@pytest.fixture
def national(db):
    load_national(26, 5, seed=4, progress=lambda _line: None)  # one merger (service 25)


def test_the_ranking_shows_its_weights_and_reasons_and_leaves_out_services_gone(
    national, as_user, alice
):
    rows, quarters = selection.ranking(Filters())
    gone = set(ServiceChange.objects.values_list("predecessor", flat=True))
    assert gone and not gone & {r.service.pk for r in rows}
    assert len(quarters) == selection_policy().quarters
    scores = [r.ranked.score for r in rows]
    assert scores == sorted(scores, reverse=True)
    page = as_user(alice).get(reverse("national:selection")).content.decode()
    for component in selection_policy().components:
        assert component.title.en in page
    first = rows[0]
    assert first.service.name in page and f"{first.ranked.score:.1f}" in page
    assert "on the scale of concern among these services" in page
    listed = list(
        csv.reader(
            io.StringIO(as_user(alice).get(reverse("national:selection_csv")).content.decode())
        )
    )
    assert len(listed) - 1 == len(rows)
    assert listed[1][1] == first.service.name and listed[1][0] == "1"
    wales = selection.ranking(Filters(nation="wales"))[0]
    assert {r.service.nation for r in wales} == {"wales"}


def test_worse_reoffending_raises_a_service_up_the_list(national):
    rows, quarters = selection.ranking(Filters())
    last = rows[-1].service
    before = rows[-1].ranked.rank
    MeasureValue.objects.filter(service=last, measure="reoffending", quarter__in=quarters).update(
        numerator=models_f("denominator")
    )
    after = next(r for r in selection.ranking(Filters())[0] if r.service == last)
    assert after.ranked.rank < before


def models_f(name):
    from django.db.models import F

    return F(name)


def test_indicators_for_every_service_import_all_or_nothing(national, as_user, ada, ian):
    services = list(YouthJusticeService.objects.order_by("pk")[:2])
    url = reverse("national:selection")
    bad = (
        "service,quarter,kpi,part,numerator,denominator\n"
        f"{services[0].name},2026Q3,reoffending,all,10,40\n"
        "Nowhere YJS,2026Q3,reoffending,all,1,4\n"
        f"{services[1].name},2026Q3,reoffending,all,50,40\n"
    )
    count = MeasureValue.objects.count()
    page = as_user(ada).post(url, {"returns": SimpleUploadedFile("r.csv", bad.encode())})
    text = page.content.decode()
    assert "Row 3, service" in text and "Row 4, numerator" in text
    assert MeasureValue.objects.count() == count
    good = (
        "service,quarter,kpi,part,numerator,denominator\n"
        f"{services[0].name},2026Q3,reoffending,all,10,40\n"
        f"{services[1].name},2026Q3,custody,all,3,20000\n"
    )
    done = as_user(ada).post(
        url, {"returns": SimpleUploadedFile("r.csv", good.encode())}, follow=True
    )
    assert "2 figures imported" in done.content.decode()
    value = MeasureValue.objects.get(service=services[0], quarter="2026Q3", measure="reoffending")
    assert (value.numerator, value.denominator) == (10, 40)
    refused = as_user(ian).post(url, {"returns": SimpleUploadedFile("r.csv", good.encode())})
    assert refused.status_code == 403
