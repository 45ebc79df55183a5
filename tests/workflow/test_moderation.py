"""Moderation: cases chosen for second assessment, disagreements resolved key question by key
question, agreement measured per key question and per assessor."""

from __future__ import annotations

from collections import Counter

import pytest

from yjinspect.audit.models import AuditEvent
from yjinspect.cases import assessment, moderation
from yjinspect.cases.models import Answer, ModerationDecision, SampledCase


def submit(case, user, kind, values):
    standard = case.inspection.framework.standard("2.1")
    assessment.save(
        user,
        case,
        standard,
        kind=kind,
        version=0,
        answers={
            kq: assessment.AnswerInput(v)
            for kq, v in zip(standard.key_question_ids, values, strict=True)
        },
        case_manager_present=True,
        submit=True,
    )


def test_ten_per_cent_with_at_least_one_per_assessor_each_to_someone_else(sampled, as_user, alice):
    as_user(alice).post(f"/inspections/{sampled.pk}/moderation/", {"share_percent": "10"})
    chosen = SampledCase.objects.filter(inspection=sampled, for_moderation=True)
    total = SampledCase.objects.filter(inspection=sampled).count()
    assert chosen.count() >= -(-total // 10)
    assert set(Counter(chosen.values_list("assessor__username", flat=True))) == {"ian", "lara"}
    assert all(c.second_assessor_id not in (None, c.assessor_id) for c in chosen)


def test_a_share_out_of_range_is_refused(sampled, as_user, alice):
    page = as_user(alice).post(f"/inspections/{sampled.pk}/moderation/", {"share_percent": "0"})
    assert "The share must be between 1 and 100 per cent" in page.content.decode()
    assert not SampledCase.objects.filter(for_moderation=True).exists()


@pytest.fixture
def second_marked(sampled, alice):
    moderation.select_cases(alice, sampled, 10)
    case = SampledCase.objects.filter(
        inspection=sampled, for_moderation=True, population="court"
    ).first()
    submit(case, case.assessor, "first", ["yes", "no", "na"])
    submit(case, case.second_assessor, "second", ["yes", "yes", "na"])
    return case


def test_disagreements_are_shown_and_the_agreed_answer_replaces_the_first(
    second_marked, as_user, alice
):
    case = second_marked
    client = as_user(alice)
    url = f"/inspections/{case.inspection_id}/moderation/"
    page = client.get(url).content.decode()
    assert f"Case {case.case.case_ref}, key question 2.1.2" in page
    assert "First assessment: No. Second assessment: Yes." in page
    client.post(
        url,
        {"sampled": case.pk, "key_question": "2.1.2", "agreed": "yes", "note": "Plan covered it"},
    )
    decision = ModerationDecision.objects.get()
    assert (decision.first_value, decision.second_value, decision.agreed_value) == (
        "no",
        "yes",
        "yes",
    )
    first = Answer.objects.get(
        assessment__sampled_case=case, assessment__kind="first", key_question_id="2.1.2"
    )
    assert first.value == "yes"  # ratings now count the agreed answer
    assert AuditEvent.objects.filter(action="moderation.resolved").exists()
    assert "Agreed: Yes" in client.get(url).content.decode()


def test_agreement_is_reported_per_key_question_and_per_assessor(second_marked, as_user, alice):
    stats = moderation.statistics(moderation.pairs(second_marked.inspection))
    assert stats["key_questions"]["2.1.1"].percent == 100.0
    assert stats["key_questions"]["2.1.2"].percent == 0.0
    assert stats["assessors"][second_marked.assessor.get_username()].pairs == 3
    page = as_user(alice).get(f"/inspections/{second_marked.inspection_id}/moderation/")
    assert "Cohen&#39;s kappa" in page.content.decode() or "Cohen's kappa" in page.content.decode()


def test_the_second_assessor_assesses_without_seeing_the_first(second_marked, as_user):
    case = second_marked
    client = as_user(case.second_assessor)
    page = client.get(f"/inspections/{case.inspection_id}/cases/").content.decode()
    assert "?kind=second" in page
    form = client.get(
        f"/inspections/{case.inspection_id}/cases/{case.pk}/2.1/?kind=second"
    ).content.decode()
    assert "second assessment" in form


def test_answers_are_shown_in_words_in_either_language(second_marked, as_user, alice):
    from django.conf import settings

    client = as_user(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(f"/inspections/{second_marked.inspection_id}/moderation/").content.decode()
    # "na" is the code for not applicable, and the Welsh for "no": never show the code.
    assert "Asesiad cyntaf: Na. Ail asesiad: Ie." in page
