"""A re-inspection shows the previous inspection's ratings and its plan's outcome."""

from __future__ import annotations

from datetime import date

from yjinspect.findings import services as findings
from yjinspect.inspections import services as inspections
from yjinspect.plans import services as plans
from yjinspect.ratings import services as ratings

from ..conftest import at_stage, publish_now


def test_the_ratings_page_shows_the_previous_inspection_beside_the_new(
    as_user, alice, mona, service, inspection
):
    earlier = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2018",
        fieldwork_start=date(2021, 3, 1),
        fieldwork_end=date(2021, 3, 5),
    )
    at_stage(earlier, "fieldwork")
    ratings.record_judgement(alice, earlier, "1.1", "inadequate", "No vision")
    recommendation = findings.add_recommendation(
        alice,
        earlier,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Set a vision",
        standards=["1.1"],
    )
    publish_now(earlier, alice)
    done = plans.add_action(
        mona, recommendation, action="Vision agreed", owner="Chair", due=date(2021, 9, 1)
    )
    plans.update_action(mona, done, status="done", evidence="Signed in June")
    plans.add_action(mona, recommendation, action="Data pack", owner="Head", due=date(2022, 1, 1))
    at_stage(inspection, "fieldwork")
    ratings.record_judgement(alice, inspection, "1.1", "good", "Clear vision now")

    page = as_user(alice).get(f"/inspections/{inspection.pk}/ratings/").content.decode()
    assert "Previous inspection: fieldwork 01/03/2021" in page
    assert "Its improvement plan: 1 of 2 actions done, 1 overdue." in page
    assert "Previously" in page and "Inadequate" in page


def test_an_unpublished_earlier_inspection_is_not_shown(as_user, alice, service, inspection):
    inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2018",
        fieldwork_start=date(2021, 3, 1),
        fieldwork_end=date(2021, 3, 5),
    )
    page = as_user(alice).get(f"/inspections/{inspection.pk}/ratings/").content.decode()
    assert "Previous inspection" not in page
