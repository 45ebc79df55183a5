"""The service's own staffing and caseload, as its manager meets them: flags against the
policy's thresholds, refusals that name the field and change nothing, and allocation by a
ranked, explained suggestion whose override needs a reason."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from yjinspect.audit.models import AuditEvent
from yjinspect.casework.models import Allocation
from yjinspect.engine.policy import service_policy
from yjinspect.staffing import services as staffing
from yjinspect.staffing.models import Appointment, StaffMember

from ..conftest import _person, service_case

TODAY = timezone.localdate()


def ago(days: int):
    return TODAY - timedelta(days=days)


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def flags(client, service) -> list[str]:
    page = client.get(reverse("staffing:overview", args=[service.pk])).content.decode()
    return [
        re.sub(r"\s+", " ", f).strip()
        for f in re.findall(r'<li data-flag="[^"]+">(.*?)</li>', page)
    ]


@pytest.fixture
def post(mona, service):
    def make(title, kind="case_manager", seconded=False, established=2000):
        return staffing.add_post(
            mona,
            service,
            title=title,
            kind=kind,
            agency="Council",
            seconded=seconded,
            hours_per_week=Decimal(37),
            established_on=ago(established),
        )

    return make


@pytest.fixture
def person(mona, service):
    def make(name, started=1000, **values):
        return staffing.add_staff_member(
            mona, service, name=name, started_on=ago(started), **values
        )

    return make


def test_a_post_is_flagged_only_once_vacant_past_the_policy_threshold(client, mona, post, person):
    limit = service_policy().vacant_after_days
    for title, days in (("At the limit", limit), ("Past the limit", limit + 1)):
        holder = person(f"Holder of {title}", started=2000)
        staffing.appoint(mona, post(title), person=holder, starts_on=ago(1999), cover=False)
        staffing.leaves(mona, holder, ago(days))
    client.force_login(mona)
    shown = flags(client, mona.profile.service)
    assert f"Vacant for {limit + 1} days" in shown
    assert f"Vacant for {limit} days" not in shown
    assert f"Not covered for {limit + 1} days" in shown


def test_cover_stops_the_uncovered_flag_but_not_the_vacancy(client, mona, post, person):
    health = post("Health worker", kind="health", seconded=True)
    leaver = person("Former nurse", started=2000)
    staffing.appoint(mona, health, person=leaver, starts_on=ago(1999), cover=False)
    staffing.leaves(mona, leaver, ago(550))
    staffing.appoint(
        mona, health, person=person("Agency nurse", started=30), starts_on=ago(20), cover=True
    )
    client.force_login(mona)
    shown = flags(client, mona.profile.service)
    assert "Vacant for 550 days" in shown
    assert not any(f.startswith("Not covered") for f in shown)
    assert "No health secondment is filled" not in shown  # covered counts as filled
    assert "No police secondment" in shown  # never established


def test_a_holder_away_with_no_cover_is_flagged_uncovered(client, mona, post, person):
    teacher = person("L. Thomas", started=2000)
    staffing.appoint(
        mona,
        post("Education worker", kind="education", seconded=True),
        person=teacher,
        starts_on=ago(1500),
        cover=False,
    )
    staffing.record_absence(mona, teacher, starts_on=ago(183), reason="Long-term leave")
    client.force_login(mona)
    assert "Not covered for 183 days" in flags(client, mona.profile.service)


def test_overdue_supervision_is_counted_against_the_line_manager(client, mona, person):
    interval = service_policy().supervision_interval_days
    boss = person("A. Price")
    late = person("R. Bevan", line_manager=boss)
    fine = person("C. Lloyd", line_manager=boss)
    staffing.record_supervision(mona, late, supervisor=boss, held_on=ago(interval + 5))
    staffing.record_supervision(mona, fine, supervisor=boss, held_on=ago(3))
    client.force_login(mona)
    assert "A. Price: supervision overdue for 1 of 2 people" in flags(client, mona.profile.service)
    page = text(client.get(reverse("staffing:overview", args=[mona.profile.service.pk])))
    assert "R. Bevan" in page and "5 days overdue" in page


def test_a_person_with_no_induction_is_flagged(client, mona, person):
    person("New Starter", started=service_policy().induction_within_days + 10)
    done = person("Inducted", started=400)
    staffing.record_training(
        mona, done, kind="induction", course="Induction", completed_on=ago(390)
    )
    client.force_login(mona)
    shown = flags(client, mona.profile.service)
    assert any(f.startswith("New Starter has no induction") for f in shown)
    assert not any(f.startswith("Inducted") for f in shown)


def test_appointing_to_a_held_post_is_refused_on_the_form_and_changes_nothing(
    client, mona, post, person
):
    case_post = post("Case manager 1")
    staffing.appoint(
        mona, case_post, person=person("First Holder"), starts_on=ago(100), cover=False
    )
    second = person("Second Person")
    client.force_login(mona)
    response = client.post(
        reverse("staffing:post", args=[mona.profile.service.pk, case_post.pk]),
        {
            "form": "appoint",
            "appoint-person": second.pk,
            "appoint-starts_on": ago(5).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 200
    assert "First Holder already holds this post: end their appointment first" in text(response)
    assert Appointment.objects.filter(post=case_post).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("post-hours_per_week", "90", "A post has at most 80 hours a week"),
        ("post-hours_per_week", "lots", "Enter the hours as a number, like 37 or 18.5"),
        ("post-established_on", "31/02/2024", "Enter a real date, like 13/05/2024"),
        ("post-kind", "wizard", "Select a valid choice"),
    ],
)
def test_a_post_with_a_bad_value_is_refused_naming_the_field(client, mona, field, value, message):
    data = {
        "form": "post",
        "post-title": "Case manager 9",
        "post-kind": "case_manager",
        "post-agency": "Council",
        "post-hours_per_week": "37",
        "post-established_on": "01/04/2024",
        field: value,
    }
    client.force_login(mona)
    response = client.post(reverse("staffing:overview", args=[mona.profile.service.pk]), data)
    assert message in text(response)
    assert not mona.profile.service.posts.exists()


def test_supervision_by_oneself_or_in_the_future_is_refused(mona, person):
    boss = person("Boss")
    with pytest.raises(Exception, match="Nobody supervises themselves"):
        staffing.record_supervision(mona, boss, supervisor=boss, held_on=ago(1))
    with pytest.raises(Exception, match="cannot be in the future"):
        staffing.record_supervision(
            mona,
            person("Other", line_manager=boss),
            supervisor=boss,
            held_on=TODAY + timedelta(days=1),
        )


def test_staff_see_the_records_but_are_offered_no_forms(client, service, mona, person):
    person("Someone")
    sam = _person("sam", "service_staff", service=service)
    client.force_login(sam)
    page = client.get(reverse("staffing:overview", args=[service.pk]))
    assert page.status_code == 200 and "Someone" in text(page)
    assert "Add a post" not in text(page)


def test_an_inspector_is_told_why_the_service_records_are_closed_to_them(client, ian, service):
    client.force_login(ian)
    response = client.get(reverse("staffing:overview", args=[service.pk]))
    assert response.status_code == 403
    assert "only as an inspection's data in advance" in text(response)


# ---- Allocation ----------------------------------------------------------------------------


@pytest.fixture
def team(mona, service, person):
    """Three case managers: Rhys (high-risk skill, heavy), Tom (high-risk skill, light) and
    Owen (no skills, empty)."""
    rhys = person("Rhys", case_manager=True, experience_years=11, skills=["high_risk"])
    tom = person("Tom", case_manager=True, experience_years=8, skills=["high_risk"])
    owen = person("Owen", case_manager=True, experience_years=2)
    for number in range(6):
        case(service, f"R-{number}", "high", manager=rhys)
    case(service, "T-1", "low", manager=tom)
    return rhys, tom, owen


def case(service, ref, rosh, manager=None):
    return service_case(service, ref, rosh=rosh, starts_on=ago(30), case_manager=manager)


def suggestions(client, service, new) -> list[str]:
    page = client.get(reverse("casework:allocate", args=[service.pk, new.pk])).content.decode()
    return re.findall(
        r'<label class="govuk-label govuk-radios__label"[^>]*>\d+\. ([^<]+)</label>', page
    )


def test_a_high_risk_case_is_suggested_to_the_skilled_and_lighter_loaded_first(
    client, mona, service, team
):
    new = case(service, "NEW-1", "very_high")
    client.force_login(mona)
    assert suggestions(client, service, new) == ["Tom", "Rhys", "Owen"]
    page = text(client.get(reverse("casework:allocate", args=[service.pk, new.pk])))
    assert "Lacks: Work with high risk of serious harm" in page  # Owen, and why he is last


def test_a_low_risk_case_goes_to_the_lightest_load(client, mona, service, team):
    client.force_login(mona)
    assert suggestions(client, service, case(service, "NEW-2", "low"))[0] == "Owen"


def test_passing_over_the_first_suggestion_needs_a_reason_kept_with_the_ranking(
    client, mona, service, team
):
    _rhys, tom, owen = team
    new = case(service, "NEW-3", "very_high")
    client.force_login(mona)
    url = reverse("casework:allocate", args=[service.pk, new.pk])
    refused = client.post(url, {"form": "allocate", "allocation-practitioner": owen.pk})
    assert "Say why Owen rather than Tom, the first suggestion" in text(refused)
    new.refresh_from_db()
    assert new.case_manager is None and not Allocation.objects.exists()

    client.post(
        url,
        {
            "form": "allocate",
            "allocation-practitioner": owen.pk,
            "allocation-override_reason": "Owen knows the family",
        },
    )
    new.refresh_from_db()
    assert new.case_manager == owen
    allocation = Allocation.objects.get(case=new)
    assert allocation.suggested == tom and allocation.override_reason == "Owen knows the family"
    assert [r["name"] for r in allocation.ranking] == ["Tom", "Rhys", "Owen"]
    event = AuditEvent.objects.filter(action="service_case.allocated").get()
    assert event.details["after"] == {"case_manager": "Owen"}
    caseload = text(client.get(reverse("casework:caseload", args=[service.pk])))
    assert "NEW-3" in caseload and "Owen" in caseload


def test_the_first_suggestion_is_taken_without_a_reason(client, mona, service, team):
    new = case(service, "NEW-4", "low")
    client.force_login(mona)
    client.post(
        reverse("casework:allocate", args=[service.pk, new.pk]),
        {"form": "allocate", "allocation-practitioner": team[2].pk},
    )
    new.refresh_from_db()
    assert new.case_manager == team[2]


def test_a_case_manager_of_another_service_cannot_be_chosen(client, mona, service, team):
    from yjinspect.services.models import YouthJusticeService

    other = YouthJusticeService.objects.create(name="Other", nation="england")
    stranger = StaffMember.objects.create(
        service=other, name="Stranger", started_on=ago(100), case_manager=True
    )
    new = case(service, "NEW-5", "low")
    client.force_login(mona)
    response = client.post(
        reverse("casework:allocate", args=[service.pk, new.pk]),
        {
            "form": "allocate",
            "allocation-practitioner": stranger.pk,
            "allocation-override_reason": "x",
        },
    )
    assert "Choose one of the case managers offered on the page" in text(response)
    new.refresh_from_db()
    assert new.case_manager is None


def test_the_demo_service_shows_the_problems_cardiff_had(client, db):
    from yjinspect.catalogue.demo import WELSH_SERVICE, load_demo
    from yjinspect.services.models import YouthJusticeService

    load_demo("a-demo-password")
    service = YouthJusticeService.objects.get(name=WELSH_SERVICE)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="manager"))
    shown = " | ".join(flags(client, service))
    assert "Vacant for 580 days" in shown  # the health post
    assert "Not covered for 183 days" in shown  # the education worker on leave
    assert "No probation secondment is filled" in shown
    assert "Aled Price: supervision overdue for 4 of 4 people" in shown
    assert "Mared Ellis has no induction" in shown
    caseload = text(client.get(reverse("casework:caseload", args=[service.pk])))
    assert re.search(r"Rhys Bevan \d+ [\d.]+ 18\.0 \d{3}% Over capacity", caseload)
    assert "3 not allocated" in caseload
