"""The factual-accuracy check between the draft and the published report."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from yjinspect.findings import services as findings
from yjinspect.reports import accuracy
from yjinspect.reports.models import AccuracyComment, PublishedReport

from ..conftest import ready_to_publish


@pytest.fixture
def drafted(sampled, alice):
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Give the board the data it needs.",
        standards=["1.1"],
    )
    return ready_to_publish(sampled, alice)


def test_the_service_comments_and_the_lead_decides_with_a_reason(drafted, as_user, mona, alice):
    url = f"/inspections/{drafted.pk}/report/accuracy/"
    as_user(mona).post(
        url,
        {"paragraph": "recommendation-1", "comment": "The board already receives monthly data."},
    )
    made = AccuracyComment.objects.get()
    assert made.decision == "pending"
    page = as_user(alice).get(url).content.decode()
    assert "Recommendation 1" in page and "already receives monthly data" in page
    as_user(alice).post(url, {"decide": made.pk, "decision": "rejected", "reason": ""})
    made.refresh_from_db()
    assert made.decision == "pending"  # a decision needs its reason
    as_user(alice).post(
        url,
        {
            "decide": made.pk,
            "decision": "rejected",
            "reason": "The data did not cover reoffending.",
        },
    )
    made.refresh_from_db()
    assert (made.decision, made.decided_by) == ("rejected", alice)


def test_publishing_waits_for_every_decision(drafted, as_user, mona, alice):
    as_user(mona).post(
        f"/inspections/{drafted.pk}/report/accuracy/",
        {"paragraph": "ratings", "comment": "Check 1.2"},
    )
    page = as_user(alice).post(f"/inspections/{drafted.pk}/report/", follow=True).content.decode()
    assert "Decide every factual-accuracy comment (1 waiting)." in page
    assert not PublishedReport.objects.exists()


def test_only_the_service_comments(drafted, as_user, ian):
    page = as_user(ian).post(
        f"/inspections/{drafted.pk}/report/accuracy/",
        {"paragraph": "ratings", "comment": "x"},
        follow=True,
    )
    assert "come from the inspected service" in page.content.decode()
    assert not AccuracyComment.objects.exists()


def test_a_comment_form_with_problems_names_them_inline(drafted, as_user, mona):
    page = (
        as_user(mona)
        .post(
            f"/inspections/{drafted.pk}/report/accuracy/", {"paragraph": "nowhere", "comment": ""}
        )
        .content.decode()
    )
    assert "There is a problem" in page
    assert 'href="#id_comment"' in page and "Enter your comment" in page
    assert "Select a valid choice" in page  # the paragraph must be one of the report's
    assert not AccuracyComment.objects.exists()


def test_comments_are_taken_only_at_the_factual_accuracy_stage(sampled, as_user, mona):
    # Before the check the page is closed to the service (the draft is the inspectors' work)...
    page = as_user(mona).post(
        f"/inspections/{sampled.pk}/report/accuracy/",
        {"paragraph": "ratings", "comment": "Check 1.2"},
    )
    assert page.status_code == 403
    # ... and the operation itself names the stage.
    with pytest.raises(ValidationError, match="not possible at the Fieldwork stage"):
        accuracy.comment(mona, sampled, "ratings", "Check 1.2")
    assert not AccuracyComment.objects.exists()
