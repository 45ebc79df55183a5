"""Disproportionality across published inspections: Census denominators at entry, the stage
before after it, counts pooled over the policy's years, small numbers suppressed and logged,
Census figures imported all or nothing, a download audited."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yjinspect.audit.models import AuditEvent
from yjinspect.cases.models import CASELOAD, Case
from yjinspect.catalogue.demo_national import load_national
from yjinspect.engine.ethnicity import classification
from yjinspect.national import disproportionality
from yjinspect.national.figures import Filters
from yjinspect.national.models import PopulationEstimate, PublishedInspection
from yjinspect.services.models import YouthJusticeService


@pytest.fixture
def national(db):
    load_national(9, 6, seed=8, progress=lambda _line: None)


def test_each_stage_counts_what_was_published_in_the_pooled_years(national):
    latest = PublishedInspection.objects.order_by("-year").first().year
    picture = disproportionality.national(Filters(), latest)
    assert picture.period == (latest - 2, latest)
    pooled = PublishedInspection.objects.filter(year__gte=latest - 2)
    assert pooled.count() < PublishedInspection.objects.count()  # older years left out
    scheme = classification()
    white = [
        v
        for v in Case.objects.filter(inspection__national__in=pooled, source=CASELOAD).values_list(
            "ethnicity", flat=True
        )
        if scheme.group_of(v) == "white"
    ]
    caseload = next(s for s in picture.stages if s.stage == "caseload")
    sampled = next(s for s in picture.stages if s.stage == "sampled")
    assert caseload.reference.events == len(white) == sampled.reference.children
    per_service = {
        p.service_id: p.children for p in PopulationEstimate.objects.filter(group="white")
    }
    assert caseload.reference.children == sum(per_service[i.service_id] for i in pooled)
    black = next(r for r in caseload.compared if r.group == "black")
    assert black.rri is not None and black.low < black.rri < black.high


def test_the_page_hides_small_numbers_lists_and_logs_them(national, as_user, ian, caplog):
    wales = {"nation": "wales"}
    with caplog.at_level(logging.INFO, logger="yjinspect.disclosure"):
        page = as_user(ian).get(reverse("national:disproportionality"), wales)
    assert page.status_code == 200
    body = page.content.decode()
    picture = disproportionality.national(Filters(nation="wales"))
    assert picture.suppressions, "Wales's one small service has groups under 100"
    for line in disproportionality.described(picture, "en"):
        assert line.replace("'", "&#39;") in body
    assert any("suppressed" in r.getMessage() for r in caplog.records)
    # Only the admin may import Census figures.
    assert "Import the Census figures" not in body
    response = as_user(ian).get(reverse("national:disproportionality_csv"), wales)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) - 1 == len(disproportionality.rows(picture, "en"))
    event = AuditEvent.objects.get(action="national.disproportionality_exported")
    assert event.details["suppressions"] and event.details["where"]["nation"] == "wales"


def test_census_figures_import_all_or_nothing_with_the_row_named(national, as_user, ada, ian):
    service = YouthJusticeService.objects.filter(published_inspections__isnull=False).first()
    before = dict(
        PopulationEstimate.objects.filter(service=service).values_list("group", "children")
    )
    client = as_user(ada)
    url = reverse("national:disproportionality")
    bad = (
        f"service,ethnicity,children\n{service.name},13,1200\n{service.name},Martian,5\n"
        "Nowhere YJS,1,x\n"
    )
    page = client.post(url, {"census": SimpleUploadedFile("c.csv", bad.encode())})
    text = page.content.decode()
    assert "Row 3, ethnicity" in text and "Row 4, service" in text and "Row 4, children" in text
    after = dict(
        PopulationEstimate.objects.filter(service=service).values_list("group", "children")
    )
    assert after == before
    good = (
        f"service,ethnicity,children\n{service.name},13,1200\n{service.name},Irish,30\n"
        f"{service.name},Caribbean,70\n{service.name},not stated,12\n"
    )
    done = client.post(url, {"census": SimpleUploadedFile("c.csv", good.encode())}, follow=True)
    assert "Census figures imported for 1 service" in done.content.decode()
    assert dict(
        PopulationEstimate.objects.filter(service=service).values_list("group", "children")
    ) == {"white": 1230, "black": 70, "not_stated": 12}
    assert AuditEvent.objects.filter(action="national.population_imported").count() == 1
    refused = as_user(ian).post(url, {"census": SimpleUploadedFile("c.csv", good.encode())})
    assert refused.status_code == 403


def test_the_board_pack_counts_the_same_way(service, mona):
    from datetime import date

    from yjinspect.boardpack import pack
    from yjinspect.quarters import Quarter

    from ..conftest import service_case

    for number in range(1, 121):
        service_case(service, f"W{number}", ethnicity="13", starts_on=date(2025, 5, 1))
    for number in range(1, 4):
        service_case(service, f"B{number}", ethnicity="Caribbean", starts_on=date(2025, 5, 1))
    built = pack.build(service, Quarter(2025, 3), "en")
    court = next(s for s in built.disproportionality.stages if s.stage == "court")
    assert court.reference.children == 120
    assert next(r for r in court.compared if r.group == "black").events is None
    assert built.disproportionality.without_population == 1


def test_a_caseload_keeps_each_childs_code_and_its_scheme(sampled):
    cases = Case.objects.filter(inspection=sampled)
    assert cases.exists()
    assert set(cases.values_list("ethnicity_scheme", flat=True)) == {classification().scheme}
