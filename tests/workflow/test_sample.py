"""Drawing the sample, replacing a case with a reason, allocating cases to assessors."""

from __future__ import annotations

from collections import Counter

import pytest

from yjinspect.audit.models import AuditEvent
from yjinspect.cases.models import Sample, SampledCase


def test_the_sample_is_drawn_with_a_recorded_seed_and_its_profile_shown(sampled, as_user, alice):
    sample = Sample.objects.get(inspection=sampled)
    assert sample.seed == 11
    page = as_user(alice).get(f"/inspections/{sampled.pk}/sample/").content.decode()
    assert "with seed 11" in page
    assert "Population and sample profile" in page
    court = sample.summary["court"]
    assert SampledCase.objects.filter(population="court").count() == court["size"]
    assert sum(s for _, s in court["profile"]["sex"].values()) == court["size"]


def test_the_sample_page_shows_the_windows_the_cases_outside_them_and_the_size_working(
    sampled, as_user, alice
):
    from yjinspect.cases.models import Case

    court = Sample.objects.get(inspection=sampled).summary["court"]
    page = as_user(alice).get(f"/inspections/{sampled.pk}/sample/").content.decode()
    assert "Eligibility windows" in page and "Started between" in page
    counts = court["windows_count"]
    # Every court case of the caseload is counted once: inside a window or outside it.
    court_disposals = set(counts)
    in_caseload = Case.objects.filter(inspection=sampled, disposal__in=court_disposals).count()
    assert sum(sum(c.values()) for c in counts.values()) == in_caseload
    assert sum(c["eligible"] for c in counts.values()) == court["eligible"]
    assert sum(c["early"] + c["late"] for c in counts.values()) > 0  # the file has some
    first, last = next(iter(court["windows"].values()))
    day = lambda iso: "/".join(reversed(iso.split("-")))  # noqa: E731
    assert f"{day(first)} to {day(last)}" in page
    assert "How the sample size was worked out" in page
    working = court["working"]
    assert (
        f"= {working['infinite']} cases" in page and f"= {working['corrected']}, rounded up" in page
    )
    assert f"Sample: {court['size']} cases." in page


def test_cases_are_allocated_evenly_to_the_assessors(sampled, ian, lara):
    counts = Counter(SampledCase.objects.values_list("assessor__username", flat=True))
    assert set(counts) == {"ian", "lara"}
    assert abs(counts["ian"] - counts["lara"]) <= 1


def test_a_case_is_replaced_from_the_same_stratum_and_the_reason_kept(sampled, as_user, alice):
    old = SampledCase.objects.filter(inspection=sampled).first()
    client = as_user(alice)
    empty = client.post(
        f"/inspections/{sampled.pk}/sample/{old.pk}/replace/", {"reason": " ", "version": 0}
    )
    assert "Enter why the case is being replaced" in empty.content.decode()
    client.post(
        f"/inspections/{sampled.pk}/sample/{old.pk}/replace/",
        {"reason": "Case transferred to another service", "version": 0},
    )
    old.refresh_from_db()
    if old.is_replaced:
        new = old.replaced_by
        assert new.case != old.case
        assert (new.case.disposal, new.case.disposal_type) == (
            old.case.disposal,
            old.case.disposal_type,
        )
        assert (
            "Case transferred to another service"
            in client.get(f"/inspections/{sampled.pk}/sample/").content.decode()
        )
        assert AuditEvent.objects.filter(action="sample.case_replaced").exists()
    else:  # a disposal type with no eligible case left has nobody to replace it, and says so
        assert (
            "No other eligible case of the same disposal type"
            in client.post(
                f"/inspections/{sampled.pk}/sample/{old.pk}/replace/", {"reason": "x", "version": 0}
            ).content.decode()
        )


def test_the_sample_cannot_be_drawn_twice(sampled, as_user, alice):
    page = as_user(alice).post(f"/inspections/{sampled.pk}/sample/", {"seed": "5"}).content.decode()
    assert Sample.objects.get(inspection=sampled).seed == 11
    assert "with seed 11" in page


def test_the_sample_page_needs_a_bounded_number_of_queries(
    sampled, as_user, alice, django_assert_max_num_queries
):
    client = as_user(alice)
    with django_assert_max_num_queries(15):
        assert client.get(f"/inspections/{sampled.pk}/sample/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/inspections/{sampled.pk}/cases/").status_code == 200


def test_the_lead_gives_cases_to_named_people_and_each_is_told(sampled, alice, ian, lara, client):
    from yjinspect.audit.models import AuditEvent
    from yjinspect.notifications.models import Notification

    # Drawing and allocating told each assessor how many cases they were given.
    told = Notification.objects.filter(user=ian, text__contains="to assess were given to you")
    assert told.exists()
    ian_cases = list(SampledCase.objects.filter(inspection=sampled, assessor=ian)[:2])
    client.force_login(alice)
    page = client.get(f"/inspections/{sampled.pk}/sample/allocation/").content.decode()
    assert f"Assessor for case {ian_cases[0].case.case_ref}" in page
    before = Notification.objects.filter(user=lara).count()
    client.post(
        f"/inspections/{sampled.pk}/sample/allocation/",
        {f"case-{c.pk}": lara.pk for c in ian_cases},
    )
    assert SampledCase.objects.filter(pk__in=[c.pk for c in ian_cases], assessor=lara).count() == 2
    new = Notification.objects.filter(user=lara).order_by("-id")
    assert new.count() == before + 1
    assert new[0].text.startswith("2 cases to assess were given to you")
    moved = AuditEvent.objects.get(action="sample.reallocated").details["cases"]
    assert moved[ian_cases[0].case.case_ref] == {"before": "ian", "after": "lara"}


def test_a_case_goes_only_to_someone_on_the_team(sampled, alice, charlie):
    from django.core.exceptions import ValidationError

    from yjinspect.cases import sampling

    case = SampledCase.objects.filter(inspection=sampled).first()
    with pytest.raises(ValidationError, match="choose someone on the team"):
        sampling.reallocate(alice, sampled, {case.pk: charlie.pk})


def test_rebalancing_evens_out_the_cases_not_started_and_leaves_started_ones(
    sampled, alice, ian, lara, client
):
    from yjinspect.cases import assessment, sampling

    cases = list(SampledCase.objects.filter(inspection=sampled))
    sampling.reallocate(alice, sampled, {c.pk: ian.pk for c in cases})
    started = cases[0]
    standard = sampled.framework.standard("2.1")
    assessment.save(
        ian,
        started,
        standard,
        kind="first",
        version=0,
        answers={},
        case_manager_present=None,
        submit=False,
    )
    client.force_login(alice)
    page = client.get(f"/inspections/{sampled.pk}/sample/allocation/").content.decode()
    assert "Cases each person has" in page
    page = client.post(
        f"/inspections/{sampled.pk}/sample/allocation/", {"rebalance": "1"}, follow=True
    ).content.decode()
    counts = Counter(SampledCase.objects.values_list("assessor__username", flat=True))
    assert abs(counts["ian"] - counts["lara"]) <= 1
    assert f"{counts['lara']} cases moved" in page
    again = client.post(
        f"/inspections/{sampled.pk}/sample/allocation/", {"rebalance": "1"}, follow=True
    ).content.decode()
    assert "already as even as they can be" in again
    started.refresh_from_db()
    assert started.assessor == ian  # a case someone has started stays with them
