"""The demonstration data: one sign-in per role, two made-up services (one Welsh, one English)
and an inspection filled in far enough that a newcomer sees every page with content.

Every name here is invented; no real child, service or person is described.
"""

from __future__ import annotations

import io
import random
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from yjinspect.accounts.models import PartnerInspectorate, Profile, Role
from yjinspect.alerts import services as alerts
from yjinspect.cases import assessment, caseload, moderation, sampling
from yjinspect.engine import Basis
from yjinspect.fieldwork import services as fieldwork
from yjinspect.findings import services as findings
from yjinspect.findings.models import Recommendation
from yjinspect.inspections.models import Inspection, Status, StatusChange, TeamMember
from yjinspect.plans import services as plans
from yjinspect.ratings import services as ratings
from yjinspect.reports import services as reports
from yjinspect.services.models import BoardMember, Nation, YouthJusticeService
from yjinspect.synthetic import caseload_csv

# Sign-in name → role; the names are the roles so a newcomer knows whom to sign in as.
DEMO_USERS = {
    "admin": Role.INSPECTORATE_ADMIN,
    "lead": Role.LEAD_INSPECTOR,
    "inspector": Role.INSPECTOR,
    "assessor": Role.LOCAL_ASSESSOR,
    "partner": Role.PARTNER_INSPECTOR,
    "manager": Role.SERVICE_MANAGER,
    "staff": Role.SERVICE_STAFF,
}
WELSH_SERVICE = "Cwm Afon Youth Justice Service"
ENGLISH_SERVICE = "Northmoor Youth Justice Service"
DEMO_FIELDWORK = date(2024, 5, 13)


@transaction.atomic
def load_demo(password: str) -> list[str]:
    """Create or refresh the demonstration data; return the sign-in names."""
    welsh, _ = YouthJusticeService.objects.update_or_create(
        name=WELSH_SERVICE,
        defaults={"nation": Nation.WALES, "local_authorities": "Cwm Afon, Bryn Uchaf"},
    )
    english, _ = YouthJusticeService.objects.update_or_create(
        name=ENGLISH_SERVICE, defaults={"nation": Nation.ENGLAND, "local_authorities": "Northmoor"}
    )
    for service, members in (
        (
            welsh,
            [("Dr A. Morgan", "Chair", "Local authority"), ("Insp. R. Hughes", "Member", "Police")],
        ),
        (english, [("J. Patel", "Chair", "Local authority"), ("S. Clarke", "Member", "Health")]),
    ):
        for name, board_role, organisation in members:
            BoardMember.objects.update_or_create(
                service=service,
                name=name,
                defaults={"board_role": board_role, "organisation": organisation},
            )

    User = get_user_model()
    users = {}
    for name, role in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=name)
        user.is_staff = user.is_superuser = role is Role.INSPECTORATE_ADMIN
        user.set_password(password)
        user.save()
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "role": role,
                "partner_inspectorate": PartnerInspectorate.ESTYN if name == "partner" else "",
                "service": welsh if role in (Role.SERVICE_MANAGER, Role.SERVICE_STAFF) else None,
            },
        )
        users[name] = user

    inspection = Inspection.objects.filter(service=welsh, framework_id="hmip-yjs-2021").first()
    fresh = inspection is None
    if inspection is None:
        inspection = Inspection.objects.create(
            service=welsh,
            framework_id="hmip-yjs-2021",
            fieldwork_start=DEMO_FIELDWORK,
            fieldwork_end=date(2024, 5, 17),
            created_by=users["admin"],
            status=Status.FIELDWORK,
        )
        previous = ""
        for status in (Status.ANNOUNCED, Status.DATA_IN_ADVANCE, Status.SAMPLING, Status.FIELDWORK):
            StatusChange.objects.create(
                inspection=inspection, from_status=previous, to_status=status, by=users["lead"]
            )
            previous = status
    for name in ("lead", "inspector", "assessor", "partner"):
        TeamMember.objects.update_or_create(
            inspection=inspection, user=users[name], defaults={"role": DEMO_USERS[name]}
        )
    if fresh:
        _previous_inspection(welsh, users)
        fill_inspection(inspection, users["lead"])
    return list(DEMO_USERS)


def fill_inspection(inspection: Inspection, lead: Any, caseload_rows: int = 300) -> None:
    """Caseload, sample, submitted assessments and judgement ratings, through the same
    services the pages use (so the demo is audited like real work)."""
    upload = caseload.check_upload(
        lead,
        inspection,
        "demo-caseload.csv",
        io.BytesIO(caseload_csv(caseload_rows, fieldwork=DEMO_FIELDWORK, seed=7).encode()),
    )
    caseload.confirm_import(lead, upload)
    sampling.draw(lead, inspection, seed=2024)
    sampling.allocate(lead, inspection)
    rng = random.Random(7)
    # Answers lean "yes" with a different strength per key question, so the ratings spread.
    strength = {
        kq.id: rng.uniform(0.55, 0.92)
        for standard in inspection.framework.standards
        for kq in standard.key_questions
    }

    def answer_all(sampled: Any, user: Any, kind: str, flip: float) -> None:
        for standard in assessment.applicable_standards(inspection, sampled):
            answers = {}
            for kq in standard.key_questions:
                if kq.aim == "others_safety" and rng.random() < 0.2:
                    value = "na"
                else:
                    value = "yes" if rng.random() < strength[kq.id] else "no"
                if rng.random() < flip:  # a second assessor sometimes sees it differently
                    value = "no" if value == "yes" else "yes"
                answers[kq.id] = assessment.AnswerInput(value, "Seen in the case record.")
            assessment.save(
                user,
                sampled,
                standard,
                kind=kind,
                version=0,
                answers=answers,
                case_manager_present=rng.random() < 0.8,
                submit=True,
            )

    for sampled in sampling.current_sample(inspection):
        answer_all(sampled, sampled.assessor, "first", 0.0)
    moderation.select_cases(lead, inspection, moderation.DEFAULT_SHARE_PERCENT)
    rng = random.Random(8)
    for sampled in sampling.current_sample(inspection).filter(for_moderation=True):
        answer_all(sampled, sampled.second_assessor, "second", 0.15)
    # The lead settles half the disagreements; the rest are left for a newcomer to try.
    open_pairs = [p for p in moderation.pairs(inspection) if p.first != p.second]
    for pair in open_pairs[::2]:
        moderation.resolve(
            lead,
            inspection,
            pair.sampled.pk,
            pair.key_question_id,
            pair.second,
            "Agreed at the moderation meeting.",
        )
    # Two case alerts: one answered and closed, one waiting for the service's response.
    manager = Profile.objects.filter(role=Role.SERVICE_MANAGER, service=inspection.service).first()
    cases = list(sampling.current_sample(inspection)[:2])
    if manager is not None and len(cases) == 2:
        answered = alerts.raise_alert(
            cases[0].assessor,
            inspection,
            sampled_case=cases[0],
            kind="child_safety",
            severity="high",
            found="Missing episodes were not shared with the case manager.",
        )
        alerts.confirm(lead, answered)
        alerts.respond(
            manager.user, answered, "Strategy meeting held; information now shared daily."
        )
        alerts.close(lead, answered, "The response deals with the risk.")
        waiting = alerts.raise_alert(
            cases[1].assessor,
            inspection,
            sampled_case=cases[1],
            kind="others_safety",
            severity="critical",
            found="Risk to a named victim was not reassessed after a new offence.",
        )
        alerts.confirm(lead, waiting)
    for standard_id, kind, text in (
        ("1.1", "strength", "Partners share a clear vision for diversion and early help."),
        ("1.2", "improvement", "Cases are allocated without regard to skills or workload."),
        ("2.1", "improvement", "Risk to others was underestimated in several cases."),
    ):
        findings.add_finding(
            lead, inspection, standard_id, kind=kind, text=text, key_questions=[], evidence=[]
        )
    findings.save_summary(
        lead,
        inspection,
        "2",
        "Work with children on court orders was "
        "mostly good, but keeping other people safe needs attention.",
    )
    for body, text, standards in (
        (
            "board",
            "Make sure board members understand their roles and have the data to steer "
            "the service.",
            ["1.1"],
        ),
        ("service", "Allocate cases according to staff skills, experience and workload.", ["1.2"]),
        (
            "police",
            "Share information about missing children with case managers at once.",
            ["2.1", "2.3"],
        ),
    ):
        findings.add_recommendation(
            lead, inspection, body=body, body_name="", text=text, standards=standards
        )
    consent = fieldwork.record_consent(lead, inspection, "Child 1", "child", DEMO_FIELDWORK)
    for key_question, source, summary, given in (
        (
            "1.1.1",
            "meeting_board",
            "The board has a written vision that partners could describe.",
            None,
        ),
        ("1.1.2", "document", "Partnership agreement signed by all statutory partners.", None),
        (
            "1.1.3",
            "child_view",
            "Said their worker explained what would happen at each stage.",
            consent,
        ),
    ):
        fieldwork.add_evidence(
            lead,
            inspection,
            "1.1",
            key_question_id=key_question,
            source=source,
            summary=summary,
            consent=given,
        )
    for standard_id, rating in (
        ("1.1", "good"),
        ("1.2", "requires_improvement"),
        ("1.3", "good"),
        ("1.4", "outstanding"),
        ("3.4", "good"),
    ):
        if inspection.framework.standard(standard_id).basis is not Basis.JUDGEMENT:
            continue  # 3.4 is rated from cases under the 2018 standards
        ratings.record_judgement(
            lead,
            inspection,
            standard_id,
            rating,
            "Demonstration reasons: evidence from meetings and documents.",
        )
    if manager is not None:
        # Published, so the improvement plan can start: two of the service's actions.
        reports.publish(lead, inspection)
        first, second = Recommendation.objects.filter(inspection=inspection)[:2]
        plans.add_action(
            manager.user,
            first,
            action="A monthly data pack for the board.",
            owner="Head of Service",
            due=DEMO_FIELDWORK.replace(year=2025),
        )
        done = plans.add_action(
            manager.user,
            second,
            action="Allocation by skills and workload.",
            owner="Operations manager",
            due=DEMO_FIELDWORK.replace(month=9),
        )
        plans.update_action(
            manager.user,
            done,
            status="done",
            evidence="New allocation meeting every Monday since July.",
        )


def _previous_inspection(service: YouthJusticeService, users: dict[str, Any]) -> None:
    """An earlier, published inspection of the same service (2018 standards), so the new
    ratings page shows what was found before and how the improvement plan went."""
    lead, manager = users["lead"], users["manager"]
    earlier = Inspection.objects.create(
        service=service,
        framework_id="hmip-yjs-2018",
        fieldwork_start=date(2021, 3, 1),
        fieldwork_end=date(2021, 3, 5),
        created_by=users["admin"],
        status=Status.MONITORING,
    )
    StatusChange.objects.create(inspection=earlier, to_status=Status.MONITORING, by=lead)
    TeamMember.objects.create(inspection=earlier, user=lead, role=Role.LEAD_INSPECTOR)
    for standard_id, rating in (
        ("1.1", "inadequate"),
        ("1.2", "requires_improvement"),
        ("1.3", "requires_improvement"),
        ("1.4", "good"),
    ):
        ratings.record_judgement(lead, earlier, standard_id, rating, "From the 2021 fieldwork.")
    recommendation = findings.add_recommendation(
        lead,
        earlier,
        body="board",
        body_name="",
        text="Agree a vision for the service with all partners.",
        standards=["1.1"],
    )
    reports.publish(lead, earlier)
    done = plans.add_action(
        manager,
        recommendation,
        action="Vision agreed by the board.",
        owner="Board chair",
        due=date(2021, 9, 30),
    )
    plans.update_action(manager, done, status="done", evidence="Signed at the June board.")
    plans.add_action(
        manager,
        recommendation,
        action="Partners' plans aligned to the vision.",
        owner="Head of Service",
        due=date(2022, 3, 31),
    )
