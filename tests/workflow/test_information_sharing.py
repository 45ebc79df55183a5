"""Information about children reaching their case managers, and exploitation referrals, as the
service's people record them: timeliness against the policy, flags, and refusals that name the
field and change nothing."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from yjinspect.engine.policy import service_policy
from yjinspect.safeguarding import services as safeguarding
from yjinspect.safeguarding.models import Notice
from yjinspect.safeguarding.timeliness import timeliness
from yjinspect.staffing.models import StaffMember

from ..conftest import _person, service_case


def now():
    """This minute (the forms take minutes): read when a test runs, not when it was loaded,
    so hours counted on the page match however long the suite has been running."""
    return timezone.now().replace(second=0, microsecond=0)


TODAY = timezone.localdate()


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def typed(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


@pytest.fixture
def sam(service):
    return _person("sam", "service_staff", service=service)


@pytest.fixture
def child(service):
    manager = StaffMember.objects.create(
        service=service,
        name="Owen Jenkins",
        started_on=TODAY - timedelta(days=900),
        case_manager=True,
    )
    return service_case(
        service,
        "CA-7",
        rosh="medium",
        safety_wellbeing="high",
        starts_on=TODAY - timedelta(days=100),
        case_manager=manager,
    )


def test_a_notice_recorded_by_staff_waits_for_its_case_manager_and_is_flagged_when_late(
    client, sam, child
):
    seen_within = service_policy().notice_seen_within_hours
    client.force_login(sam)
    url = reverse("safeguarding:notices", args=[child.service_id])
    client.post(
        url,
        {
            "case_ref": "ca-7",  # as typed: case does not matter
            "kind": "missing",
            "from_agency": "Heddlu Cwm Afon Police",
            "occurred_at": typed(now() - timedelta(hours=seen_within + 12)),
            "received_at": typed(now() - timedelta(hours=seen_within + 2)),
        },
    )
    notice = Notice.objects.get()
    assert notice.case == child and notice.recorded_by == sam
    page = text(client.get(url))
    assert "Owen Jenkins Not yet seen" in page
    assert f"Not seen by the case manager after {seen_within + 2} hours" in page

    client.post(
        reverse("safeguarding:notice", args=[child.service_id, notice.pk]),
        {"seen_by": child.case_manager_id, "seen_at": typed(now())},
    )
    page = text(client.get(url))
    assert f"Seen by the case manager after {seen_within + 2} hours" in page
    assert "Not seen" not in page


def test_timeliness_counts_what_reached_the_case_manager_in_time(sam, child):
    within = service_policy().notice_seen_within_hours
    for reach in (1, 3, within + 10):
        notice = safeguarding.record_notice(
            sam,
            child,
            kind="arrest",
            from_agency="Police",
            occurred_at=now() - timedelta(days=5),
            received_at=now() - timedelta(days=4),
        )
        safeguarding.mark_seen(
            sam,
            notice,
            seen_by=child.case_manager,
            seen_at=notice.received_at + timedelta(hours=reach),
        )
    figures = timeliness(child.service, TODAY - timedelta(days=30), TODAY, service_policy())
    assert (figures.received, figures.seen, figures.seen_in_time) == (3, 3, 2)
    assert figures.median_hours_to_reach == 3
    assert figures.percent_seen_in_time == 67


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"case_ref": "NOPE-1"}, "No case of this service has the reference NOPE-1"),
        (
            {"received_at": typed(now() - timedelta(days=3))},
            "It cannot reach the service before it happened",
        ),
        ({"received_at": typed(now() + timedelta(days=2))}, "The date cannot be in the future"),
        ({"occurred_at": "yesterday"}, "Enter a real date and time, like 13/05/2024 14:30"),
        ({"kind": "rumour"}, "Select a valid choice"),
    ],
)
def test_a_wrong_notice_is_refused_naming_the_field_and_nothing_is_recorded(
    client, sam, child, change, message
):
    client.force_login(sam)
    data = {
        "case_ref": "CA-7",
        "kind": "arrest",
        "from_agency": "Police",
        "occurred_at": typed(now() - timedelta(days=1)),
        "received_at": typed(now() - timedelta(hours=2)),
        **change,
    }
    response = client.post(reverse("safeguarding:notices", args=[child.service_id]), data)
    assert message in text(response)
    assert not Notice.objects.exists()


def test_exploitation_found_and_not_referred_is_flagged_until_a_referral_is_made(
    client, sam, child
):
    days = service_policy().refer_within_days
    safeguarding.record_screening(
        sam, child, screened_on=TODAY - timedelta(days=days + 1), outcome="criminal"
    )
    client.force_login(sam)
    url = reverse("safeguarding:exploitation", args=[child.service_id])
    assert f"CA-7: exploitation found {days + 1} days ago, no referral to the NRM" in text(
        client.get(url)
    )
    client.post(
        url,
        {
            "form": "referral",
            "referral-case_ref": "CA-7",
            "referral-referred_on": (TODAY - timedelta(days=days)).strftime("%d/%m/%Y"),
            "referral-first_responder": "Cwm Afon Council",
        },
    )
    page = text(client.get(url))
    assert "no referral to the NRM" not in page
    awaited = days - 0
    if awaited > service_policy().reasonable_grounds_within_days:
        assert f"CA-7: reasonable-grounds decision awaited for {awaited} days" in page


def test_nrm_decisions_come_in_order(sam, child):
    referral = safeguarding.refer(
        sam, child, referred_on=TODAY - timedelta(days=20), first_responder="Council"
    )
    with pytest.raises(ValidationError, match="follows a positive reasonable-grounds"):
        safeguarding.decide(
            sam, referral, stage="conclusive", decision="positive", decided_on=TODAY
        )
    with pytest.raises(ValidationError, match="cannot come before the referral"):
        safeguarding.decide(
            sam,
            referral,
            stage="reasonable",
            decision="positive",
            decided_on=TODAY - timedelta(days=30),
        )
    safeguarding.decide(
        sam,
        referral,
        stage="reasonable",
        decision="positive",
        decided_on=TODAY - timedelta(days=15),
    )
    safeguarding.decide(sam, referral, stage="conclusive", decision="positive", decided_on=TODAY)
    referral.refresh_from_db()
    assert (referral.reasonable_grounds, referral.conclusive_grounds) == ("positive", "positive")


def test_the_demo_has_a_slow_missing_episode_notice_and_an_unreferred_concern(client, db):
    from django.contrib.auth import get_user_model

    from yjinspect.catalogue.demo import WELSH_SERVICE, load_demo
    from yjinspect.services.models import YouthJusticeService

    load_demo("a-demo-password")
    service = YouthJusticeService.objects.get(name=WELSH_SERVICE)
    client.force_login(get_user_model().objects.get(username="staff"))
    notices = text(client.get(reverse("safeguarding:notices", args=[service.pk])))
    assert "Seen by the case manager after 120 hours" in notices
    assert "Reached the service after 67 hours" in notices
    exploitation = text(client.get(reverse("safeguarding:exploitation", args=[service.pk])))
    assert "no referral to the NRM" in exploitation
    assert "reasonable-grounds decision awaited for 30 days" in exploitation
