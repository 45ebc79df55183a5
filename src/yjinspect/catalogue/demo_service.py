"""A year of the demonstration service's own records, with the problems the Cardiff
inspection found for a newcomer to spot: a health post vacant for 19 months, the education
worker away for six months with no cover, the probation secondment vacant, one case manager
carrying far more than the others, a team manager whose people are overdue supervision, and a
new starter with no induction. Every name is invented."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from yjinspect.board import services as board
from yjinspect.casework import services as casework
from yjinspect.casework.models import ServiceCase
from yjinspect.interventions import services as interventions
from yjinspect.kpis import services as kpis
from yjinspect.outofcourt import services as outofcourt
from yjinspect.quarters import Quarter
from yjinspect.safeguarding import services as safeguarding
from yjinspect.services.models import BoardMember, YouthJusticeService
from yjinspect.staffing import services as staffing
from yjinspect.staffing.models import Post, StaffMember
from yjinspect.synthetic import caseload_rows

# (title, kind, agency, seconded, hours)
POSTS = [
    ("Head of service", "manager", "Local authority", False, 37),
    ("Team manager (court)", "manager", "Local authority", False, 37),
    ("Team manager (prevention and out of court)", "manager", "Local authority", False, 37),
    *[(f"Case manager {n}", "case_manager", "Local authority", False, 37) for n in range(1, 7)],
    ("Case manager 7 (part time)", "case_manager", "Local authority", False, 18.5),
    ("Police officer", "police", "Heddlu Cwm Afon Police", True, 37),
    ("Probation officer", "probation", "Probation Service Wales", True, 37),
    ("Health worker", "health", "Cwm Afon University Health Board", True, 37),
    ("Education worker", "education", "Local authority education service", True, 37),
    ("Victim liaison officer", "victim_liaison", "Heddlu Cwm Afon Police", True, 37),
]
# (name, post title, line manager, holds cases, years, skills, started days ago)
PEOPLE = [
    ("Gwen Howells", "Head of service", None, False, 20, [], 2900),
    ("Aled Price", "Team manager (court)", "Gwen Howells", False, 12, ["high_risk"], 2400),
    (
        "Nia Rowlands",
        "Team manager (prevention and out of court)",
        "Gwen Howells",
        False,
        9,
        [],
        1900,
    ),
    (
        "Rhys Bevan",
        "Case manager 1",
        "Aled Price",
        True,
        11,
        ["high_risk", "custody", "exploitation"],
        2200,
    ),
    (
        "Catrin Lloyd",
        "Case manager 2",
        "Aled Price",
        True,
        6,
        ["safeguarding", "girls", "welsh_language"],
        1500,
    ),
    ("Owen Jenkins", "Case manager 3", "Aled Price", True, 2, ["out_of_court"], 700),
    ("Ffion Davies", "Case manager 4", "Nia Rowlands", True, 4, ["out_of_court", "girls"], 1200),
    ("Tom Harris", "Case manager 5", "Nia Rowlands", True, 8, ["high_risk", "safeguarding"], 1800),
    ("Mared Ellis", "Case manager 6", "Nia Rowlands", True, 1, [], 120),  # no induction
    ("Dafydd Morris", "Case manager 7 (part time)", "Aled Price", True, 3, ["welsh_language"], 900),
    ("PC Sian Walters", "Police officer", "Gwen Howells", False, 5, [], 1000),
    ("Lowri Thomas", "Education worker", "Nia Rowlands", False, 7, [], 1300),
    ("PC Huw Roberts", "Victim liaison officer", "Gwen Howells", False, 4, [], 800),
]


def load_service_year(
    service: YouthJusticeService, manager: Any, today: date, *, children: int = 60
) -> None:
    """The service's posts, people, supervision, training, a caseload of ``children`` and a
    year of notices and board meetings (once: a service that already has posts is left as it
    is)."""
    if Post.objects.filter(service=service).exists():
        return
    start = today - timedelta(days=3000)
    posts = {
        title: staffing.add_post(
            manager,
            service,
            title=title,
            kind=kind,
            agency=agency,
            seconded=seconded,
            hours_per_week=Decimal(str(hours)),
            established_on=start,
        )
        for title, kind, agency, seconded, hours in POSTS
    }
    people: dict[str, StaffMember] = {}
    for name, post, boss, cases, years, skills, days in PEOPLE:
        began = today - timedelta(days=days)
        people[name] = staffing.add_staff_member(
            manager,
            service,
            name=name,
            started_on=began,
            line_manager=people.get(boss) if boss else None,
            case_manager=cases,
            experience_years=years,
            skills=skills,
        )
        staffing.appoint(
            manager, posts[post], person=people[name], starts_on=max(began, start), cover=False
        )
        if name != "Mared Ellis":
            staffing.record_training(
                manager,
                people[name],
                kind="induction",
                course="Service induction",
                completed_on=began + timedelta(days=20),
            )
    # The health post's holder left 19 months ago; the probation officer four months ago.
    for post, gone in (("Health worker", 580), ("Probation officer", 125)):
        leaver = staffing.add_staff_member(
            manager, service, name=f"Former {post.lower()}", started_on=start, experience_years=5
        )
        staffing.appoint(manager, posts[post], person=leaver, starts_on=start, cover=False)
        staffing.leaves(manager, leaver, today - timedelta(days=gone))
    staffing.record_absence(
        manager,
        people["Lowri Thomas"],
        starts_on=today - timedelta(days=183),
        reason="Long-term leave",
    )
    _supervision(manager, people, today)
    _caseload(service, people, today, children)
    _information(manager, service, today, children)
    _board(manager, service, today)
    _panels(manager, service, today)
    _returns(manager, service, today)
    _interventions(manager, service, today)


def _interventions(manager: Any, service: YouthJusticeService, today: date) -> None:
    """Needs recorded for the caseload; interventions for most of them but none for speech
    and language or exploitation; referrals over the year, and one intervention nobody has
    evaluated (its referrals' outcomes never recorded)."""
    rng = random.Random(4)
    cases = list(ServiceCase.objects.filter(service=service, ends_on__isnull=True))
    for case in cases:
        needs = rng.sample(
            [
                "mental_health",
                "substance_misuse",
                "education",
                "speech_language",
                "exploitation",
                "family",
                "offending_behaviour",
                "victim_awareness",
            ],
            rng.randint(1, 3),
        )
        casework.set_needs(manager, case, needs)
    offered = {
        "mental_health": ("CAMHS in-reach clinic", "Cwm Afon University Health Board"),
        "substance_misuse": ("Cwm Afon young people's drug service", "Cwm Afon Drugs Service"),
        "education": ("Education, training and employment mentoring", "The service"),
        "offending_behaviour": ("Knife crime awareness", "The service"),
        "victim_awareness": ("Restorative justice conferences", "The service"),
        "family": ("Family support sessions", "Children's services"),
    }
    for need, (name, provider) in offered.items():
        item = interventions.add_intervention(
            manager, service, name=name, need=need, provider=provider, eligibility=""
        )
        evaluated = need != "family"
        for case in [c for c in cases if need in c.needs][:6]:
            referred = today - timedelta(days=rng.randint(40, 300))
            referral = interventions.refer(manager, item, case=case, referred_on=referred)
            if evaluated:
                started = referred + timedelta(days=rng.randint(5, 30))
                outcome = rng.choice(["completed", "completed", "not_completed", "ongoing"])
                interventions.record_progress(
                    manager,
                    referral,
                    started_on=started,
                    ended_on=None
                    if outcome == "ongoing"
                    else min(started + timedelta(days=30), today),
                    outcome=outcome,
                )


def _returns(manager: Any, service: YouthJusticeService, today: date) -> None:
    """A year of KPI returns, as the service would upload them (mental health: needs found,
    few attending)."""
    rng = random.Random(23)
    lines = ["quarter,kpi,part,numerator,denominator"]
    quarter = Quarter.containing(today).previous()
    for _n in range(4):
        children = rng.randint(55, 65)
        for kpi, part, share in (
            ("kpi1", "all", 0.9),
            ("kpi2", "all", 0.6),
            ("kpi3", "all", 0.7),
            ("kpi6", "all", 0.8),
            ("kpi9", "all", 0.1),
            ("reoffending", "all", 0.33),
        ):
            lines.append(f"{quarter},{kpi},{part},{round(children * share)},{children}")
        identified = rng.randint(18, 24)
        planned = identified - rng.randint(2, 6)
        lines += [
            f"{quarter},kpi4,identified,{identified},{children}",
            f"{quarter},kpi4,planned,{planned},{identified}",
            f"{quarter},kpi4,attending,{planned // 3},{planned}",
            f"{quarter},fte,all,{rng.randint(20, 35)},14250",
            f"{quarter},custody,all,{rng.randint(0, 3)},14250",
        ]
        quarter = quarter.previous()
    kpis.import_csv(manager, service, "\n".join(lines) + "\n")


def _panels(manager: Any, service: YouthJusticeService, today: date) -> None:
    """A panel every fortnight, mostly the service and the police alone (not multi-agency, as
    Blaenau Gwent and Caerphilly's Bureau was), often without the victim's views."""
    rng = random.Random(6)
    cases = list(ServiceCase.objects.filter(service=service, disposal="out_of_court"))
    outcomes = ["community_resolution", "youth_caution", "youth_conditional_caution"]
    for number, weeks in enumerate(range(50, 0, -2)):
        agencies = ["yjs", "police"] + (["health", "social_care"] if number % 4 == 0 else [])
        panel = outofcourt.record_panel(
            manager, service, held_on=today - timedelta(weeks=weeks), agencies=agencies
        )
        for case in rng.sample(cases, min(2, len(cases))):
            information = ["offence", "history", "assessment", "social_care"]
            if rng.random() < 0.5:
                information += ["victim_views", "education", "health"]
            outofcourt.record_decision(
                manager,
                panel,
                case=case,
                information=information,
                outcome=rng.choice(outcomes),
                reason="First offence; the child accepts responsibility.",
            )


def _board(manager: Any, service: YouthJusticeService, today: date) -> None:
    """Members from the partner agencies, meetings every eight weeks for a year; only two
    members' responsibilities are written down, and health rarely attends."""
    for name, role, organisation in (
        ("Dr S. Price", "Member", "Cwm Afon University Health Board"),
        ("M. Jones", "Member", "Local authority education service"),
        ("K. Lewis", "Member", "Probation Service Wales"),
    ):
        BoardMember.objects.get_or_create(
            service=service, name=name, defaults={"board_role": role, "organisation": organisation}
        )
    for member, duties in (
        ("Dr A. Morgan", "Chairs the board; holds partners to account for the improvement plan."),
        ("Insp. R. Hughes", "Shares police information on arrests and missing children."),
    ):
        found = BoardMember.objects.filter(service=service, name=member).first()
        if found is not None:
            board.write_responsibilities(manager, found, duties)
    members = list(service.board_members.all())
    for number, weeks in enumerate(range(52, 0, -8)):
        present = [
            m
            for m in members
            if not (m.name == "Dr S. Price" and number % 3)
            and not (m.name == "M. Jones" and number == 2)
        ]
        board.record_meeting(
            manager, service, held_on=today - timedelta(weeks=weeks), present=present
        )


def _information(manager: Any, service: YouthJusticeService, today: date, children: int) -> None:
    """A year of notices, mostly seen within hours; one missing-episode notice that took five
    days to reach the case manager, one arrest the police shared three days late, one still
    unread. Exploitation found twice: one referred (decision awaited), one not referred."""
    rng = random.Random(16)
    cases = list(ServiceCase.objects.filter(service=service, case_manager__isnull=False))

    def moment(day: date, hour: int) -> datetime:
        # In UTC, so that "five days later" is 120 hours even across a change of the clocks.
        return timezone.make_aware(datetime.combine(day, time(hour % 24, 0))).astimezone(UTC)

    for _number in range(children // 3):  # a notice for one child in three over the year
        case = rng.choice(cases)
        happened = moment(today - timedelta(days=rng.randint(7, 364)), rng.randint(0, 23))
        notice = safeguarding.record_notice(
            manager,
            case,
            kind=rng.choice(["missing", "arrest"]),
            from_agency="Heddlu Cwm Afon Police",
            occurred_at=happened,
            received_at=happened + timedelta(hours=rng.randint(1, 12)),
        )
        assert case.case_manager is not None
        safeguarding.mark_seen(
            manager,
            notice,
            seen_by=case.case_manager,
            seen_at=notice.received_at + timedelta(hours=rng.randint(1, 20)),
        )
    slow = safeguarding.record_notice(
        manager,
        cases[0],
        kind="missing",
        from_agency="Heddlu Cwm Afon Police",
        occurred_at=moment(today - timedelta(days=40), 22),
        received_at=moment(today - timedelta(days=39), 9),
        summary="Missing overnight; returned home the next morning.",
    )
    assert cases[0].case_manager is not None
    safeguarding.mark_seen(
        manager, slow, seen_by=cases[0].case_manager, seen_at=slow.received_at + timedelta(days=5)
    )
    late = safeguarding.record_notice(
        manager,
        cases[1],
        kind="arrest",
        from_agency="Heddlu Cwm Afon Police",
        occurred_at=moment(today - timedelta(days=20), 15),
        received_at=moment(today - timedelta(days=17), 10),
    )
    assert cases[1].case_manager is not None
    safeguarding.mark_seen(
        manager, late, seen_by=cases[1].case_manager, seen_at=late.received_at + timedelta(hours=2)
    )
    safeguarding.record_notice(
        manager,
        cases[2],
        kind="missing",
        from_agency="Children's services",
        occurred_at=moment(today - timedelta(days=3), 19),
        received_at=moment(today - timedelta(days=2), 9),
    )
    safeguarding.record_screening(
        manager, cases[3], screened_on=today - timedelta(days=60), outcome="criminal"
    )
    safeguarding.refer(
        manager,
        cases[3],
        referred_on=today - timedelta(days=30),
        first_responder="Cwm Afon Council",
    )
    safeguarding.record_screening(
        manager, cases[4], screened_on=today - timedelta(days=45), outcome="criminal"
    )
    for case in cases[5:15]:
        safeguarding.record_screening(
            manager, case, screened_on=today - timedelta(days=rng.randint(10, 300)), outcome="none"
        )


def _supervision(manager: Any, people: dict[str, StaffMember], today: date) -> None:
    """Monthly sessions for a year; Aled Price's team (the stretched court team) has had none
    for the last three months."""
    for person in people.values():
        if person.line_manager is None:
            continue
        stretched = person.line_manager.name == "Aled Price"
        first = max(person.started_on + timedelta(days=14), today - timedelta(days=365))
        day = today - timedelta(days=95 if stretched else 10)
        while day >= first:
            staffing.record_supervision(
                manager, person, supervisor=person.line_manager, held_on=day
            )
            day -= timedelta(days=28)


def _caseload(
    service: YouthJusticeService, people: dict[str, StaffMember], today: date, children: int
) -> None:
    """The open cases, allocated before the product was used: unevenly, as Cardiff's were
    (Rhys Bevan has most of the high-risk work), and three waiting for a case manager."""
    rng = random.Random(2026)
    managers = [p for p in people.values() if p.case_manager and p.name != "Mared Ellis"]
    rows = caseload_rows(children, fieldwork=today, seed=7)
    cases = []
    for number, row in enumerate(rows):
        if number < 3:
            manager = None
        elif row["rosh"] in ("high", "very_high") or number % 4 == 0:
            manager = people["Rhys Bevan"]
        else:
            manager = rng.choice(managers)
        cases.append(
            ServiceCase(
                service=service,
                case_ref=row["case_ref"].replace("YJ07", "CA"),
                disposal=row["disposal"],
                disposal_type=row["disposal_type"],
                sex=row["sex"],
                age=int(row["age"]),
                ethnicity=row["ethnicity"],
                rosh=row["rosh"],
                safety_wellbeing=row["safety_wellbeing"],
                starts_on=date.fromisoformat(row["start_date"]),
                case_manager=manager,
            )
        )
    ServiceCase.objects.bulk_create(cases)
