"""Creating an inspection, moving it through its stages, and who can see it."""

from __future__ import annotations

from yjinspect.audit.models import AuditEvent
from yjinspect.inspections.models import Inspection, Status


def test_a_lead_inspector_creates_an_inspection_from_the_form(as_user, alice, service):
    client = as_user(alice)
    response = client.post(
        "/inspections/new/",
        {
            "service": service.pk,
            "framework_id": "hmip-yjs-2021",
            "fieldwork_start": "13/05/2024",
            "fieldwork_end": "17/05/2024",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == f"/inspections/{inspection.pk}/"
    page = client.get(response.url).content.decode()
    assert "Youth justice services inspection standards (2021)" in page
    assert "Announced" in page
    assert inspection.team.get().user == alice  # the creating lead is on the team
    assert AuditEvent.objects.filter(action="inspection.created", user=alice).exists()


def test_the_form_names_every_problem(as_user, alice, service):
    page = (
        as_user(alice)
        .post(
            "/inspections/new/",
            {
                "service": service.pk,
                "fieldwork_start": "31/02/2024",
                "fieldwork_end": "10/05/2024",
            },
        )
        .content.decode()
    )
    assert "There is a problem" in page
    assert "Choose the framework" in page
    assert "Enter a real date, like 13/05/2024" in page
    assert 'href="#id_framework_id"' in page  # the summary links to the field
    assert Inspection.objects.count() == 0


def test_fieldwork_must_not_end_before_it_starts(as_user, alice, service):
    page = (
        as_user(alice)
        .post(
            "/inspections/new/",
            {
                "service": service.pk,
                "framework_id": "hmip-yjs-2018",
                "fieldwork_start": "17/05/2024",
                "fieldwork_end": "13/05/2024",
            },
        )
        .content.decode()
    )
    assert "Fieldwork must end on or after the day it starts" in page


def test_an_inspector_cannot_create_an_inspection(as_user, ian):
    assert as_user(ian).get("/inspections/new/").status_code == 403


def test_nobody_sees_an_inspection_they_are_not_on(as_user, inspection, charlie, mona, ada):
    assert as_user(charlie).get(f"/inspections/{inspection.pk}/").status_code == 404
    assert "Cwm Afon YJS" not in as_user(charlie).get("/inspections/").content.decode()
    # The service's own manager and the admin do see it.
    assert as_user(mona).get(f"/inspections/{inspection.pk}/").status_code == 200
    assert as_user(ada).get(f"/inspections/{inspection.pk}/").status_code == 200


def test_the_lead_moves_the_inspection_on_one_stage_and_history_says_who(
    as_user, alice, inspection
):
    client = as_user(alice)
    client.post(f"/inspections/{inspection.pk}/stage/", {"to_status": "data_in_advance"})
    inspection.refresh_from_db()
    assert inspection.status == Status.DATA_IN_ADVANCE
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert '<h3 class="moj-timeline__title">Data in advance</h3>' in page
    assert "by alice" in page
    # Skipping a stage is refused and changes nothing.
    client.post(f"/inspections/{inspection.pk}/stage/", {"to_status": "fieldwork"})
    inspection.refresh_from_db()
    assert inspection.status == Status.DATA_IN_ADVANCE
    assert (
        "can only move on to the next stage, Sampling"
        in client.get(f"/inspections/{inspection.pk}/").content.decode()
    )


def test_only_the_lead_moves_the_stage(as_user, ian, inspection):
    response = as_user(ian).post(
        f"/inspections/{inspection.pk}/stage/", {"to_status": "data_in_advance"}
    )
    assert response.status_code == 403
    inspection.refresh_from_db()
    assert inspection.status == Status.ANNOUNCED


def test_the_lead_assigns_and_removes_team_members(as_user, alice, charlie, mona, inspection):
    client = as_user(alice)
    client.post(
        f"/inspections/{inspection.pk}/team/", {"user": charlie.pk, "role": "partner_inspector"}
    )
    assert inspection.team.get(user=charlie).role == "partner_inspector"
    assert as_user(charlie).get(f"/inspections/{inspection.pk}/").status_code == 200
    # Someone from the inspected service is not offered and cannot be added.
    page = (
        as_user(alice)
        .post(f"/inspections/{inspection.pk}/team/", {"user": mona.pk, "role": "inspector"})
        .content.decode()
    )
    assert "Select a valid choice" in page or "cannot join the team" in page
    member = inspection.team.get(user=charlie)
    as_user(alice).post(f"/inspections/{inspection.pk}/team/", {"remove": member.pk})
    assert not inspection.team.filter(user=charlie).exists()


def test_list_pages_need_a_bounded_number_of_queries(
    as_user, ada, inspection, service, django_assert_max_num_queries
):
    from datetime import date

    from yjinspect.inspections import services as inspections

    for day in range(1, 8):  # more inspections must not mean more queries
        inspections.create_inspection(
            ada,
            service=service,
            framework_id="hmip-yjs-2021",
            fieldwork_start=date(2025, 1, day),
            fieldwork_end=date(2025, 1, day),
        )
    client = as_user(ada)
    with django_assert_max_num_queries(6):
        assert client.get("/inspections/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/services/").status_code == 200
