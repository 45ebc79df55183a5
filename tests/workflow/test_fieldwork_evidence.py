"""Evidence for judgement standards, and consent for the views of children and parents."""

from __future__ import annotations

import pytest

from yjinspect.audit.models import AuditEvent
from yjinspect.fieldwork.models import Consent, EvidenceItem


def add_evidence(client, sampled, **data):
    fields = {"key_question_id": "1.1.1", "source": "meeting_board", "summary": "Board has a plan"}
    fields.update(data)
    return client.post(f"/inspections/{sampled.pk}/standards/1.1/", fields, follow=True)


def test_evidence_is_recorded_against_a_key_question_with_its_source(as_user, ian, sampled):
    page = add_evidence(as_user(ian), sampled).content.decode()
    assert "Evidence recorded" in page
    assert "Meeting with the management board" in page and "Board has a plan" in page
    assert EvidenceItem.objects.get().key_question_id == "1.1.1"


def test_a_childs_view_needs_consent(as_user, ian, sampled):
    page = add_evidence(
        as_user(ian), sampled, source="child_view", summary="Felt listened to"
    ).content.decode()
    assert "can only be recorded with their consent" in page
    assert not EvidenceItem.objects.exists()


def test_withdrawing_consent_removes_the_evidence_that_relied_on_it(as_user, ian, sampled):
    client = as_user(ian)
    client.post(
        f"/inspections/{sampled.pk}/consents/",
        {"reference": "C-003", "person": "child", "given_on": "14/05/2024"},
    )
    consent = Consent.objects.get()
    add_evidence(
        client,
        sampled,
        source="child_view",
        consent=consent.pk,
        summary="Said the worker helped with school",
    )
    add_evidence(client, sampled, source="document", summary="Strategy document")
    assert EvidenceItem.objects.count() == 2
    page = client.post(
        f"/inspections/{sampled.pk}/consents/", {"withdraw": consent.pk}, follow=True
    ).content.decode()
    assert "Consent withdrawn; 1 evidence items removed" in page
    assert list(EvidenceItem.objects.values_list("source", flat=True)) == ["document"]
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    event = AuditEvent.objects.get(action="consent.withdrawn")
    assert event.details == {"reference": "C-003", "evidence_removed": 1}
    assert "helped with school" not in str(event.details)


def test_a_case_standard_takes_evidence_but_is_rated_from_its_cases(as_user, ian, sampled):
    client = as_user(ian)
    page = client.get(f"/inspections/{sampled.pk}/standards/2.1/").content.decode()
    assert "rated from the assessments of its cases" in page
    assert 'name="reasons"' not in page  # no rating form for a case standard
    response = client.post(
        f"/inspections/{sampled.pk}/standards/2.1/",
        {
            "key_question_id": "standard",
            "source": "meeting_staff",
            "summary": "Staff know the plans.",
        },
    )
    assert response.status_code == 302
    assert (
        "Staff know the plans."
        in client.get(f"/inspections/{sampled.pk}/standards/2.1/").content.decode()
    )
    assert client.get(f"/inspections/{sampled.pk}/standards/9.9/").status_code == 404


def test_consent_reference_is_required_and_unique(as_user, ian, sampled):
    client = as_user(ian)
    page = client.post(
        f"/inspections/{sampled.pk}/consents/",
        {"reference": "", "person": "child", "given_on": "14/05/2024"},
    )
    assert "code, such as C-003" in page.content.decode()
    data = {"reference": "P-001", "person": "parent", "given_on": "14/05/2024"}
    client.post(f"/inspections/{sampled.pk}/consents/", data)
    page = client.post(f"/inspections/{sampled.pk}/consents/", data)
    assert "already recorded" in page.content.decode()
    assert Consent.objects.count() == 1


def test_a_consent_date_must_fit_the_inspection(as_user, ian, sampled):
    client = as_user(ian)
    for given_on in ("14/05/2099", "14/05/2020"):
        page = client.post(
            f"/inspections/{sampled.pk}/consents/",
            {"reference": "C-009", "person": "child", "given_on": given_on},
        ).content.decode()
        assert "Enter the date consent was given between" in page
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    "reference", ["Jane Doe (age 14)", "JaneDoe", "14/03/2010", "C-2010-03-14", "Child 3"]
)
def test_a_consent_reference_that_looks_like_a_name_or_a_birth_date_is_refused(
    as_user, ian, sampled, reference
):
    page = as_user(ian).post(
        f"/inspections/{sampled.pk}/consents/",
        {"reference": reference, "person": "child", "given_on": "14/05/2024"},
    )
    assert "never a name or a date of birth" in page.content.decode()
    assert not Consent.objects.exists()
