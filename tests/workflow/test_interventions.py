"""The interventions register as a service keeps it: what is offered for which need, each
child's referrals from start to outcome, an evaluation per intervention, and the caseload's
needs against what is offered, with the gaps shown."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yjinspect.casework import services as casework
from yjinspect.interventions import services as interventions
from yjinspect.interventions.models import Intervention, Referral

from ..conftest import _person, service_case

TODAY = date.today()


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def new_case(service, ref, needs=()):
    return service_case(service, ref, starts_on=TODAY - timedelta(days=200), needs=list(needs))


@pytest.fixture
def camhs(mona, service):
    return interventions.add_intervention(
        mona,
        service,
        name="CAMHS in-reach",
        need="mental_health",
        provider="Health board",
        eligibility="",
    )


def test_needs_with_nothing_offered_are_shown_as_gaps(client, mona, service, camhs):
    new_case(service, "A", ["mental_health", "speech_language"])
    new_case(service, "B", ["speech_language"])
    client.force_login(mona)
    page = text(client.get(reverse("interventions:register", args=[service.pk])))
    assert "Mental health 1 0 CAMHS in-reach" in page
    assert "Speech, language and communication 2 0 Nothing offered" in page
    assert "Accommodation 0 0 –" in page  # no child needs it: not a gap


def test_a_staff_member_records_needs_on_the_case_page(client, service):
    sam = _person("sam", "service_staff", service=service)
    case = new_case(service, "C")
    client.force_login(sam)
    client.post(
        reverse("casework:allocate", args=[service.pk, case.pk]),
        {"form": "needs", "needs-needs": ["exploitation", "education"]},
    )
    case.refresh_from_db()
    assert case.needs == ["education", "exploitation"]  # in the policy's order


def test_a_referral_runs_from_referral_to_outcome_and_the_evaluation_counts_it(
    client, mona, service, camhs
):
    case = new_case(service, "D", ["mental_health"])
    client.force_login(mona)
    url = reverse("interventions:intervention", args=[service.pk, camhs.pk])
    client.post(
        url,
        {
            "form": "refer",
            "refer-case_ref": "D",
            "refer-referred_on": (TODAY - timedelta(days=60)).strftime("%d/%m/%Y"),
        },
    )
    referral = Referral.objects.get(case=case)
    client.post(
        url,
        {
            "form": "progress",
            "referral": referral.pk,
            "progress-started_on": (TODAY - timedelta(days=50)).strftime("%d/%m/%Y"),
            "progress-ended_on": (TODAY - timedelta(days=10)).strftime("%d/%m/%Y"),
            "progress-outcome": "completed",
        },
    )
    referral.refresh_from_db()
    assert referral.outcome == "completed"
    evaluation = interventions.evaluate(camhs)
    assert (evaluation.referrals, evaluation.completed, evaluation.completion_percent) == (
        1,
        1,
        100,
    )
    assert evaluation.median_days_to_start == 10
    page = text(client.get(url))
    assert "Median days from referral to start 10" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"started_on": None, "ended_on": None, "outcome": "completed"},
            "Give the dates it started and ended",
        ),
        (
            {"started_on": TODAY - timedelta(days=90), "ended_on": None, "outcome": "ongoing"},
            "cannot start before the referral",
        ),
        (
            {
                "started_on": TODAY - timedelta(days=5),
                "ended_on": TODAY - timedelta(days=8),
                "outcome": "not_completed",
            },
            "cannot end before it started",
        ),
        (
            {
                "started_on": TODAY - timedelta(days=5),
                "ended_on": TODAY - timedelta(days=1),
                "outcome": "ongoing",
            },
            "choose how it ended",
        ),
    ],
)
def test_progress_that_cannot_be_true_is_refused(mona, service, camhs, values, message):
    referral = interventions.refer(
        mona, camhs, case=new_case(service, "E"), referred_on=TODAY - timedelta(days=30)
    )
    with pytest.raises(ValidationError, match=message):
        interventions.record_progress(mona, referral, **values)
    referral.refresh_from_db()
    assert referral.outcome == "ongoing" and referral.started_on is None


def test_a_withdrawn_intervention_takes_no_referrals_and_leaves_a_gap(client, mona, service, camhs):
    new_case(service, "F", ["mental_health"])
    client.force_login(mona)
    client.post(
        reverse("interventions:intervention", args=[service.pk, camhs.pk]), {"form": "withdraw"}
    )
    camhs.refresh_from_db()
    assert not camhs.active
    with pytest.raises(ValidationError, match="no longer offered"):
        interventions.refer(mona, camhs, case=new_case(service, "G"), referred_on=TODAY)
    page = text(client.get(reverse("interventions:register", args=[service.pk])))
    assert "Mental health 1 0 Nothing offered" in page


def test_staff_may_refer_but_not_change_the_register(client, service, camhs):
    sam = _person("sam", "service_staff", service=service)
    client.force_login(sam)
    response = client.post(
        reverse("interventions:register", args=[service.pk]),
        {"name": "X", "need": "family", "provider": "Y"},
    )
    assert response.status_code == 403
    assert Intervention.objects.count() == 1
    assert (
        interventions.refer(sam, camhs, case=new_case(service, "H"), referred_on=TODAY).recorded_by
        == sam
    )


def test_needs_off_the_list_are_refused(mona, service):
    with pytest.raises(ValidationError, match="Choose needs from the list"):
        casework.set_needs(mona, new_case(service, "I"), ["astrology"])
