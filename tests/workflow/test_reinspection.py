"""Re-inspection across framework versions compares only standards that correspond in the
crosswalk, and a service formed from others is compared with its predecessors' inspections."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from yjinspect.engine import rate_request
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection
from yjinspect.services import services as service_records
from yjinspect.services.models import YouthJusticeService

from ..conftest import at_stage


def published(service, lead, framework_id, start, ratings):
    """An inspection published with ``ratings`` (standard → rating), as the publishing job
    leaves it (the publication itself is tested in test_report)."""
    created = inspections.create_inspection(
        lead,
        service=service,
        framework_id=framework_id,
        fieldwork_start=start,
        fieldwork_end=start,
    )
    request = {
        "framework": framework_id,
        "standards": {sid: {"rating": rating} for sid, rating in ratings.items()},
    }
    created.published_ratings = {lang: rate_request(request, lang) for lang in ("en", "cy")}
    created.save(update_fields=["published_ratings"])
    return at_stage(created, "published")


STANDARDS_2018 = ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3")


def ratings_page(lead, inspection: Inspection) -> str:
    client = Client()
    client.force_login(lead)
    return client.get(f"/inspections/{inspection.pk}/ratings/").content.decode()


def cell(page: str, standard_label: str) -> str:
    """The text of the table row whose header starts with ``standard_label``."""
    start = page.index(standard_label)
    return " ".join(page[start : page.index("</tr>", start)].split())


def test_2018_to_2021_to_2025_compares_only_what_corresponds(service, alice):
    first = {sid: "good" for sid in STANDARDS_2018} | {"3.4": "inadequate"}
    published(service, alice, "hmip-yjs-2018", date(2019, 3, 4), first)
    second_ratings = {sid: "good" for sid in STANDARDS_2018} | {
        "3.1": "outstanding",
        "3.4": "requires_improvement",
    }
    now_2021 = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=date(2022, 6, 6),
        fieldwork_end=date(2022, 6, 10),
    )
    page = ratings_page(alice, now_2021)
    assert "only standards that correspond are compared" in page
    # 2021's 3.4 is a different standard from 2018's 3.4 Joint working: no "Inadequate".
    row = cell(page, "3.4 Out-of-court disposal policy and provision")
    assert "No counterpart" in row and "Inadequate" not in row
    assert "Good" in cell(page, "2.1 Assessment")

    published(service, alice, "hmip-yjs-2021", date(2022, 6, 6), second_ratings)
    now_2025 = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=date(2025, 9, 8),
        fieldwork_end=date(2025, 9, 12),
    )
    page = ratings_page(alice, now_2025)
    # 2025's Assessing stands on 2021's court and out-of-court assessment together.
    row = cell(page, "1.1 Assessing")
    assert "2.1: Good; 3.1: Outstanding" in row and "merged from these" in row
    assert "No counterpart" in cell(page, "V1 Work with victims")
    # The 2018 inspection is not compared: the service was inspected since.
    assert page.count("Previous inspection") == 1


@pytest.fixture
def cwm_taf(alice):
    """Cwm Taf, formed in 2014 from two services inspected before the merger."""
    merthyr = YouthJusticeService.objects.create(
        name="Merthyr Tydfil YOS", nation="wales", local_authorities="Merthyr Tydfil"
    )
    rhondda = YouthJusticeService.objects.create(
        name="Rhondda Cynon Taf YOS", nation="wales", local_authorities="Rhondda Cynon Taf"
    )
    merged = YouthJusticeService.objects.create(
        name="Cwm Taf YOS", nation="wales", local_authorities="Merthyr Tydfil, Rhondda Cynon Taf"
    )
    published(merthyr, alice, "hmip-fji-2012", date(2013, 2, 4), {"A5": "poor"})
    published(rhondda, alice, "hmip-fji-2012", date(2013, 5, 13), {"A5": "satisfactory"})
    return merthyr, rhondda, merged


def test_a_merged_service_is_compared_with_both_services_it_was_formed_from(cwm_taf, alice, ada):
    merthyr, rhondda, merged = cwm_taf
    client = Client()
    client.force_login(ada)
    url = f"/services/{merged.pk}/"
    page = client.post(
        url, {"form": "predecessor", "change-kind": "merger", "change-on": "01/04/2014"}
    ).content.decode()
    assert "Choose the service it was formed from" in page
    for earlier in (merthyr, rhondda):
        response = client.post(
            url,
            {
                "form": "predecessor",
                "change-predecessor": earlier.pk,
                "change-kind": "merger",
                "change-on": "01/04/2014",
            },
        )
        assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Formed from Merthyr Tydfil YOS on 01/04/2014" in page
    # A loop is refused: Merthyr cannot now be formed from Cwm Taf.
    with pytest.raises(Exception, match="was itself formed from this service"):
        service_records.add_predecessor(ada, merthyr, merged, "split", date(2015, 1, 1))

    joint = inspections.create_inspection(
        alice,
        service=merged,
        framework_id="hmip-fji-2012",
        fieldwork_start=date(2017, 1, 9),
        fieldwork_end=date(2017, 1, 13),
    )
    page = ratings_page(alice, joint)
    assert "Previous inspection of Merthyr Tydfil YOS, which this service was formed from" in page
    assert "Previous inspection of Rhondda Cynon Taf YOS" in page
    row = cell(page, "A5 Governance and partnerships")
    assert "Poor" in row and "Satisfactory" in row
