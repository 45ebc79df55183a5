"""The demonstration data: one sign-in per role, two made-up services (one Welsh, one English)
and an inspection filled in far enough that a newcomer sees every page with content.

Every name here is invented; no real child, service or person is described.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from yjinspect.accounts import two_factor
from yjinspect.accounts.models import PartnerInspectorate, Profile, Role
from yjinspect.alerts import services as alerts
from yjinspect.cases import assessment, caseload, moderation, sampling
from yjinspect.engine import Basis
from yjinspect.fieldwork import services as fieldwork
from yjinspect.findings import services as findings
from yjinspect.findings.models import Recommendation
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection, Status
from yjinspect.plans import services as plans
from yjinspect.ratings import services as ratings
from yjinspect.reports import accuracy
from yjinspect.reports import content as report_content
from yjinspect.reports import services as reports
from yjinspect.services.models import BoardMember, Nation, PartnerContact, YouthJusticeService
from yjinspect.synthetic import caseload_csv

from .demo_self_assessment import load_self_assessment
from .demo_service import load_service_year

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
# The bodies the demonstration's recommendations name.
NAMED_BODIES = {
    "board": "%(service)s Management Board",
    "service": "%(service)s",
    "police": "Heddlu Cwm Afon Police",
}


@transaction.atomic
def load_demo(password: str, totp_secret: str | None = None) -> list[str]:
    """Create or refresh the demonstration data; return the sign-in names. Every account's
    authenticator (two-factor sign-in) uses ``totp_secret`` (base32) when given."""
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
                defaults={
                    "board_role": board_role,
                    "organisation": organisation,
                    # The chair is e-mailed when a case alert is sent (example.org: no one's).
                    "chair": board_role == "Chair",
                    "email": "board.chair@example.org" if board_role == "Chair" else "",
                },
            )

    for service, police in ((welsh, NAMED_BODIES["police"]), (english, "Northmoor Police")):
        PartnerContact.objects.update_or_create(
            service=service,
            email="missing.persons@example.org",  # example.org: no one's
            defaults={"name": "DI R. Evans", "role": "Detective Inspector", "organisation": police},
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
        if totp_secret:
            two_factor.give_demo_device(user, totp_secret)
        users[name] = user

    # The service's own year of records first: an inspection takes them as data in advance
    # when it is announced.
    load_service_year(welsh, users["manager"], timezone.localdate())
    # Its self-assessment of national standard 2, signed off: the inspection's data in advance
    # shows the result.
    load_self_assessment(welsh, users["manager"], users["staff"], timezone.localdate())
    inspection = Inspection.objects.filter(service=welsh, framework_id="hmip-yjs-2021").first()
    if inspection is None:
        _previous_inspection(welsh, users)
        inspection = _new_inspection(welsh, "hmip-yjs-2021", DEMO_FIELDWORK, users)
        fill_inspection(inspection, users["lead"])
        # The English service's joint inspection of 2016, compared at its re-inspection
        # through the crosswalk, and a second inspection still in fieldwork, for a newcomer to
        # assess and moderate.
        _joint_inspection(english, users)
        current = _new_inspection(english, "hmip-yjs-2021", date(2025, 2, 3), users)
        fill_inspection(current, users["lead"], caseload_rows=150, until=Status.FIELDWORK)
    return list(DEMO_USERS)


def _new_inspection(
    service: YouthJusticeService, framework_id: str, fieldwork: date, users: dict[str, Any]
) -> Inspection:
    created = inspections.create_inspection(
        users["lead"],
        service=service,
        framework_id=framework_id,
        fieldwork_start=fieldwork,
        fieldwork_end=fieldwork + timedelta(days=4),
    )
    for name in ("inspector", "assessor", "partner"):
        inspections.assign_team_member(users["lead"], created, users[name], DEMO_USERS[name])
    return created


def _move_on(inspection: Inspection, lead: Any, stage: Status) -> None:
    inspections.advance_status(lead, inspection, stage)
    inspection.refresh_from_db()


def fill_inspection(
    inspection: Inspection,
    lead: Any,
    caseload_rows: int = 300,
    until: Status = Status.MONITORING,
) -> None:
    """Walk an announced inspection through its lifecycle up to ``until`` (fieldwork or
    monitoring), doing each stage's work through the same services the pages use, so the demo
    is audited and gated like real work."""
    fieldwork_start = inspection.fieldwork_start
    _move_on(inspection, lead, Status.DATA_IN_ADVANCE)
    upload = caseload.check_upload(
        lead,
        inspection,
        "demo-caseload.csv",
        io.BytesIO(caseload_csv(caseload_rows, fieldwork=fieldwork_start, seed=7).encode()),
    )
    caseload.confirm_import(lead, upload)
    _move_on(inspection, lead, Status.SAMPLING)
    sampling.draw(lead, inspection, seed=2024)
    sampling.allocate(lead, inspection)
    _move_on(inspection, lead, Status.FIELDWORK)
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

    in_fieldwork = until is Status.FIELDWORK
    sample = list(sampling.current_sample(inspection))
    # Left in fieldwork, a few cases wait for their assessor.
    for sampled in sample[: len(sample) - 3] if in_fieldwork else sample:
        answer_all(sampled, sampled.assessor, "first", 0.0)
    moderation.select_cases(lead, inspection, moderation.DEFAULT_SHARE_PERCENT)
    rng = random.Random(8)
    for sampled in sampling.current_sample(inspection).filter(for_moderation=True):
        if assessment.find(sampled, "2.1", "first") or not in_fieldwork:
            answer_all(sampled, sampled.second_assessor, "second", 0.15)
    open_pairs = [p for p in moderation.pairs(inspection) if p.first != p.second]
    # In fieldwork the lead has settled half the disagreements, leaving some to try.
    for pair in open_pairs[::2] if in_fieldwork else open_pairs:
        moderation.resolve(
            lead,
            inspection,
            pair.sampled.pk,
            pair.key_question_id,
            pair.second,
            "Agreed at the moderation meeting.",
        )
    _add_alerts(inspection, lead)
    _add_evidence_and_judgements(inspection, lead)
    _add_findings(inspection, lead)
    if in_fieldwork:
        return
    _move_on(inspection, lead, Status.MODERATION)
    _move_on(inspection, lead, Status.RATED)
    ratings.sign_off(lead, inspection)
    _move_on(inspection, lead, Status.REPORT_DRAFTED)
    _move_on(inspection, lead, Status.FACTUAL_ACCURACY)
    manager = Profile.objects.filter(role=Role.SERVICE_MANAGER, service=inspection.service).first()
    if manager is not None:
        made = accuracy.comment(
            manager.user,
            inspection,
            "recommendation-2",
            "Allocation already takes workload into account since April.",
        )
        accuracy.decide(lead, made, "rejected", "Case files seen in May showed otherwise.")
    reports.publish(lead, inspection)  # moves the inspection to published
    inspection.refresh_from_db()
    _move_on(inspection, lead, Status.MONITORING)
    if manager is not None:
        first, second = Recommendation.objects.filter(inspection=inspection)[:2]
        plans.add_action(
            manager.user,
            first,
            action="A monthly data pack for the board.",
            owner="Head of Service",
            due=fieldwork_start.replace(year=fieldwork_start.year + 1),
        )
        done = plans.add_action(
            manager.user,
            second,
            action="Allocation by skills and workload.",
            owner="Operations manager",
            due=fieldwork_start + timedelta(days=120),
        )
        plans.update_action(
            manager.user,
            done,
            status="done",
            evidence="New allocation meeting every Monday since July.",
        )
        third = Recommendation.objects.filter(inspection=inspection, body="police").first()
        contact = PartnerContact.objects.filter(service=inspection.service).first()
        if third is not None and contact is not None:
            plans.add_action(
                manager.user,
                third,
                action="Missing-episode information reaches the case manager the same day.",
                owner=f"{contact.role}, {contact.organisation}",
                owner_contact=contact,
                due=fieldwork_start + timedelta(days=200),
            )


def _add_alerts(inspection: Inspection, lead: Any) -> None:
    """Two alerts as Cardiff had them: an organisation-wide alert on three cases, whose urgent
    action plan was returned once, then accepted and carried out; and a case alert waiting
    for the service's plan."""
    manager = Profile.objects.filter(role=Role.SERVICE_MANAGER, service=inspection.service).first()
    cases = list(sampling.current_sample(inspection)[:4])
    if manager is None or len(cases) < 4:
        return
    answered = alerts.raise_alert(
        cases[0].assessor,
        inspection,
        cases=cases[:3],
        kind="organisational",
        severity="high",
        themes=["safeguarding", "public_protection"],
        found="In three cases, missing episodes and risks to others were not shared with the "
        "case manager or the police.",
        found_cy="Mewn tri achos, ni rannwyd cyfnodau ar goll a risgiau i eraill gyda'r rheolwr "
        "achos na'r heddlu.",
    )
    alerts.confirm(lead, answered)
    today = timezone.localdate()
    first = alerts.add_action(
        manager.user,
        answered,
        text="Review the safety plans in the three cases.",
        owner=f"Head of Service, {inspection.service.name}",
        due=today + timedelta(days=2),
    )
    alerts.send_plan(manager.user, answered, "Safety plans are being reviewed.")
    alerts.review_plan(
        lead,
        answered,
        accept=False,
        reasons="The plan does not say how information will reach the police.",
    )
    second = alerts.add_action(
        manager.user,
        answered,
        text="Share missing-episode information with the police the same day.",
        owner="Detective Inspector, police missing-persons team",
        due=today + timedelta(days=5),
    )
    alerts.send_plan(manager.user, answered, "Safety plans reviewed; information shared daily.")
    alerts.review_plan(lead, answered, accept=True)
    for action, evidence in (
        (first, "All three safety plans reviewed and signed off by a manager."),
        (second, "Daily information-sharing call in place since the alert."),
    ):
        alerts.change_action(manager.user, action, status="done", evidence=evidence)
    alerts.close(lead, answered, "The actions deal with the risk.")
    waiting = alerts.raise_alert(
        cases[3].assessor,
        inspection,
        cases=[cases[3]],
        kind="others_safety",
        severity="critical",
        themes=["public_protection", "risk_assessment"],
        found="Risk to a named victim was not reassessed after a new offence.",
    )
    alerts.confirm(lead, waiting)


def _add_findings(inspection: Inspection, lead: Any) -> None:
    """Findings, a summary, recommendations and the report's own words, each in English and
    Welsh (the Welsh version is published only with its Welsh text)."""
    for standard_id, kind, text, text_cy in (
        (
            "1.1",
            "strength",
            "Partners share a clear vision for diversion and early help.",
            "Mae partneriaid yn rhannu gweledigaeth glir ar gyfer dargyfeirio a chymorth cynnar.",
        ),
        (
            "1.2",
            "improvement",
            "Cases are allocated without regard to skills or workload.",
            "Caiff achosion eu dyrannu heb ystyried sgiliau na llwyth gwaith.",
        ),
        (
            "2.1",
            "improvement",
            "Risk to others was underestimated in several cases.",
            "Tanamcangyfrifwyd y risg i eraill mewn sawl achos.",
        ),
    ):
        findings.add_finding(
            lead,
            inspection,
            standard_id,
            kind=kind,
            text=text,
            text_cy=text_cy,
            key_questions=[],
            evidence=[],
        )
    findings.save_summary(
        lead,
        inspection,
        "2",
        "Work with children on court orders was "
        "mostly good, but keeping other people safe needs attention.",
        text_cy="Roedd y gwaith gyda phlant ar orchmynion llys yn dda gan amlaf, ond mae angen "
        "sylw ar gadw pobl eraill yn ddiogel.",
    )
    for body, text, text_cy, standards in (
        (
            "board",
            "Make sure board members understand their roles and have the data to steer "
            "the service.",
            "Sicrhau bod aelodau'r bwrdd yn deall eu rolau a bod ganddynt y data i lywio'r "
            "gwasanaeth.",
            ["1.1"],
        ),
        (
            "service",
            "Allocate cases according to staff skills, experience and workload.",
            "Dyrannu achosion yn ôl sgiliau, profiad a llwyth gwaith y staff.",
            ["1.2"],
        ),
        (
            "police",
            "Share information about missing children with case managers at once.",
            "Rhannu gwybodaeth am blant sydd ar goll gyda rheolwyr achos ar unwaith.",
            ["2.1", "2.3"],
        ),
    ):
        findings.add_recommendation(
            lead,
            inspection,
            body=body,
            body_name=NAMED_BODIES[body] % {"service": inspection.service.name},
            text=text,
            text_cy=text_cy,
            standards=standards,
        )
    report_content.save_content(
        lead,
        inspection,
        foreword="This inspection looked at how well the service keeps children and other "
        "people safe and helps children move away from offending.",
        foreword_cy="Edrychodd yr arolygiad hwn ar ba mor dda y mae'r gwasanaeth yn cadw plant "
        "a phobl eraill yn ddiogel ac yn helpu plant i symud i ffwrdd o droseddu.",
        overall="Leadership is strong and partners are committed; the service now needs to "
        "manage risk to others more closely.",
        overall_cy="Mae'r arweinyddiaeth yn gryf ac mae'r partneriaid yn ymroddedig; mae angen "
        "i'r gwasanaeth nawr reoli'r risg i eraill yn agosach.",
        welsh=False,
    )


def _add_evidence_and_judgements(inspection: Inspection, lead: Any) -> None:
    fieldwork_start = inspection.fieldwork_start
    consent = fieldwork.record_consent(lead, inspection, "C-001", "child", fieldwork_start)
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
        ("4.1", "good"),
    ):
        framework = inspection.framework
        if (
            not framework.has_standard(standard_id)
            or framework.standard(standard_id).basis is not Basis.JUDGEMENT
        ):
            continue  # 3.4 is rated from cases under the 2018 standards
        ratings.record_judgement(
            lead,
            inspection,
            standard_id,
            rating,
            "Demonstration reasons: evidence from meetings and documents.",
        )


JOINT_AREA_RATINGS = {
    "A1": "satisfactory",
    "A2": "unsatisfactory",
    "A3": "satisfactory",
    "A4": "good",
    "A5": "unsatisfactory",
    "A6": "satisfactory",
}


def _joint_inspection(service: YouthJusticeService, users: dict[str, Any]) -> None:
    """A 2012–2017 full joint inspection (2016), published: its statutory sample assessed on
    the areas' case-assessment questions, its themed area named, the areas rated by the team
    with the case figures beside them."""
    lead = users["lead"]
    fieldwork_start = date(2016, 6, 6)
    joint = _new_inspection(service, "hmip-fji-2012", fieldwork_start, users)
    inspections.set_standard_titles(
        lead,
        joint,
        {"A6": ("Interventions to reduce reoffending", "Ymyriadau i leihau aildroseddu")},
    )
    _move_on(joint, lead, Status.DATA_IN_ADVANCE)
    upload = caseload.check_upload(
        lead,
        joint,
        "demo-caseload-2016.csv",
        io.BytesIO(caseload_csv(90, fieldwork=fieldwork_start, seed=16).encode()),
    )
    caseload.confirm_import(lead, upload)
    _move_on(joint, lead, Status.SAMPLING)
    sampling.draw(lead, joint, seed=2016)
    sampling.allocate(lead, joint)
    _move_on(joint, lead, Status.FIELDWORK)
    rng = random.Random(16)
    for sampled in sampling.current_sample(joint):
        for standard in assessment.applicable_standards(joint, sampled):
            assessment.save(
                sampled.assessor,
                sampled,
                standard,
                kind="first",
                version=0,
                answers={
                    kq.id: assessment.AnswerInput(
                        "yes" if rng.random() < 0.7 else "no", "Seen in the case record."
                    )
                    for kq in standard.key_questions
                },
                case_manager_present=True,
                submit=True,
            )
    for standard_id, rating in JOINT_AREA_RATINGS.items():
        ratings.record_judgement(
            lead, joint, standard_id, rating, "Demonstration reasons: cases, meetings, documents."
        )
    findings.add_recommendation(
        lead,
        joint,
        body="board",
        body_name="Northmoor Youth Justice Management Board",
        text="Set out how the partnership will be governed and held to account.",
        standards=["A5"],
    )
    _move_on(joint, lead, Status.MODERATION)
    _move_on(joint, lead, Status.RATED)
    ratings.sign_off(lead, joint)
    _move_on(joint, lead, Status.REPORT_DRAFTED)
    _move_on(joint, lead, Status.FACTUAL_ACCURACY)
    reports.publish(lead, joint)


def _previous_inspection(service: YouthJusticeService, users: dict[str, Any]) -> None:
    """An earlier inspection of the same service (2018 standards), published and monitored,
    so the new ratings page shows what was found before and how the improvement plan went."""
    lead, manager = users["lead"], users["manager"]
    earlier = _new_inspection(service, "hmip-yjs-2018", date(2021, 3, 1), users)
    fill_inspection(earlier, lead, caseload_rows=120, until=Status.MONITORING)
    recommendation = Recommendation.objects.filter(inspection=earlier).first()
    assert recommendation is not None
    plans.add_action(
        manager,
        recommendation,
        action="Partners' plans aligned to the vision.",
        owner="Head of Service",
        due=date(2022, 3, 31),
    )
