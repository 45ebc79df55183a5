"""Assessing a case: key questions, prompts, drafts, submission and optimistic locking."""

from __future__ import annotations

from yjinspect.cases.models import Answer, CaseAssessment, SampledCase


def court_case(inspection, assessor):
    return SampledCase.objects.filter(
        inspection=inspection, population="court", assessor=assessor
    ).first()


def answers(value="yes", **extra):
    data = {f"kq_2_1_{n}": value for n in (1, 2, 3)}
    data.update({f"evidence_2_1_{n}": f"Evidence {n}" for n in (1, 2, 3)})
    data.update({"version": "0", "case_manager_present": "yes", "action": "submit"})
    data.update(extra)
    return data


def test_the_form_shows_each_key_question_and_its_prompts(sampled, as_user, ian):
    case = court_case(sampled, ian)
    page = as_user(ian).get(f"/inspections/{sampled.pk}/cases/{case.pk}/2.1/").content.decode()
    assert (
        "2.1.1 Does assessment sufficiently analyse how to support the child or young person"
        in page
    )
    assert "Prompts for 2.1.1" in page
    assert "Does it analyse the key structural barriers facing the child?" in page
    assert "Not applicable" in page


def test_submitting_needs_every_answer_but_a_draft_does_not(sampled, as_user, ian):
    case = court_case(sampled, ian)
    url = f"/inspections/{sampled.pk}/cases/{case.pk}/2.1/"
    client = as_user(ian)
    page = client.post(url, answers(kq_2_1_3="")).content.decode()
    assert "Answer every key question before submitting: 2.1.3" in page
    assert not CaseAssessment.objects.exists()
    client.post(url, answers(kq_2_1_3="", action="draft"))
    draft = CaseAssessment.objects.get()
    assert draft.state == "draft" and draft.answers.count() == 2
    client.post(url, answers(version=str(draft.version)))
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert Answer.objects.get(key_question_id="2.1.2").evidence == "Evidence 2"


def test_a_second_save_from_a_stale_form_is_refused_and_nothing_is_overwritten(
    sampled, as_user, ian, alice
):
    case = court_case(sampled, ian)
    url = f"/inspections/{sampled.pk}/cases/{case.pk}/2.1/"
    as_user(ian).post(url, answers("yes", action="draft"))  # Ian saves first, from version 0
    page = as_user(alice).post(url, answers("no")).content.decode()  # Alice's form was version 0
    assert "Someone else saved this assessment after you opened it" in page
    assert set(Answer.objects.values_list("value", flat=True)) == {"yes"}


def test_only_the_allocated_assessor_or_the_lead_may_assess(sampled, as_user, lara, ian):
    case = court_case(sampled, ian)
    assert as_user(lara).get(f"/inspections/{sampled.pk}/cases/{case.pk}/2.1/").status_code == 403


def test_a_standard_that_does_not_apply_is_not_found(sampled, as_user, ian):
    case = court_case(sampled, ian)
    assert as_user(ian).get(f"/inspections/{sampled.pk}/cases/{case.pk}/3.1/").status_code == 404
