"""Who may open every page, at every stage that changes the answer, written out as a table.

Columns are people: the inspectorate admin, the lead, an inspector, a local assessor and a
partner inspector on the team (no grants); the inspected service's manager and staff; a manager
of another service; an inspector on no team; and someone not signed in. Cells:
  Y  the page opens (200)          F  refused with a reason (403)
  N  no such page for them (404)   L  sent to sign in (302)      M  method not allowed (405)

A URL pattern without a row fails the test, so a new page cannot skip this table. Every
state-changing form is then posted by each person who may not use it, and nothing changes.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import get_resolver, reverse

from yjinspect.alerts import services as alerts
from yjinspect.alerts.models import CaseAlert
from yjinspect.cases.models import CaseloadImport, SampledCase, WorkbookImport
from yjinspect.fieldwork import services as fieldwork
from yjinspect.findings import services as findings
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import TeamMember
from yjinspect.interventions.models import Intervention
from yjinspect.outofcourt.models import Panel
from yjinspect.plans import services as plans
from yjinspect.plans.models import ImprovementAction
from yjinspect.reports.models import PublishedReport
from yjinspect.safeguarding.models import Notice
from yjinspect.services.models import BoardMember, YouthJusticeService
from yjinspect.staffing.models import Appointment, Post, StaffMember

from ..conftest import _person, publish_now, ready_to_publish, service_case

PEOPLE = ["ada", "alice", "ian", "lara", "pat", "mona", "sam", "oscar", "charlie", None]
STAGES = ["fieldwork", "factual_accuracy", "published"]
MISSING = 999_999  # an id that names nothing

# Page              ada alice ian lara pat | mona sam | oscar charlie anon
# One string for every stage, or a string per stage in STAGES' order.
MATRIX: dict[str, str | tuple[str, str, str]] = {
    "home": "YYYYY YY YYY",
    "healthz": "YYYYY YY YYY",
    "framework": "YYYYY YY YYY",
    "login": "YYYYY YY YYY",
    "logout": "MMMMM MM MMM",
    "set_language": "MMMMM MM MMM",
    "notifications": "YYYYY YY YYL",
    # A person's own account (two-factor sign-in is off in this table: see test_accounts)
    "second_factor": "LLLLL LL LLL",  # no app yet: on to setting one up
    "account": "YYYYY YY YYL",
    "two_factor_setup": "YYYYY YY YYL",
    "recovery_codes": "MMMMM MM MML",
    "password_change": "YYYYY YY YYL",
    "password_reset": "YYYYY YY YYY",
    "password_reset_done": "YYYYY YY YYY",
    "password_reset_confirm": "YYYYY YY YYY",  # a link that does not work says so
    "password_reset_complete": "YYYYY YY YYY",
    "inspections:list": "YYYYY YY YYL",
    "api_tokens": "YYYYY YY YYL",
    "api-docs": "YYYYY YY YYY",
    "inspections:create": "YYFFF FF FFL",
    "inspections:detail": "YYYYY YY NNL",
    "inspections:advance": "MMMMM MM MML",
    "inspections:team": "YYYYY YY NNL",
    "inspections:titles": "YYFFF FF NNL",
    # The service's records as taken at announcement: the team and the service.
    "data_in_advance:data_in_advance": "YYYYY YY NNL",
    "cases:caseload": "YYYYF YY NNL",
    "cases:caseload_check": "YYYYF YY NNL",
    "cases:profiles": "YYFFF FF NNL",
    "cases:caseload_template": "YYYYF YY NNL",
    "cases:caseload_progress": "YYYYF YY NNL",
    "cases:sample": "YYYYF FF NNL",
    "cases:replace": "YYFFF FF NNL",
    "cases:allocation": "YYFFF FF NNL",
    "cases:my_cases": "YYYYY FF NNL",
    "cases:workbook": "YYYYY FF NNL",
    # A workbook of one's own cases; with none allocated, back to the page (302) to say so.
    "cases:workbook_download": ("LLYYY FF NNL", "LLYYY FF NNL", "LLYYY FF NNL"),
    # Someone's workbook brought back is theirs alone (the matrix's world has one of Ian's).
    "cases:workbook_import": ("NNYNN FF NNL", "NNYNN FF NNL", "NNYNN FF NNL"),
    "cases:moderation": "YYYYF FF NNL",
    "cases:assess": "YYFFY FF NNL",  # the case allocated to the partner
    "fieldwork:consents": "YYYYY FF NNL",
    "alerts:list": "YYYYY YY NNL",
    "alerts:detail": "YYYYY NN NNL",  # raised, not yet confirmed by the lead
    "alerts:detail confirmed": "YYYYY YN NNL",  # sent to the manager
    "ratings:ratings": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    "ratings:export": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    "ratings:judgement": "YYYYY FF NNL",
    "findings:findings": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    "findings:add": "YYYYF FF NNL",
    "findings:change": "YYYYF FF NNL",
    "findings:change_recommendation": "YYFFF FF NNL",
    "findings:summary": "YYYYF FF NNL",
    "findings:recommendations": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    "reports:report": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    "reports:accuracy": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF YY NNL"),
    # JSON for a publishing job's progress: none is running in these worlds
    "reports:progress": ("NNNNF FF NNL", "NNNNF NN NNL", "NNNNF NN NNL"),
    "reports:draft_html": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF FF NNL"),
    "reports:draft_pdf": ("YYYYF FF NNL", "YYYYF YY NNL", "YYYYF FF NNL"),
    "reports:published": ("NNNNN NN NNL", "NNNNN NN NNL", "YYYYY YY NNL"),
    # Published reports are public documents: anyone reads them, signed in or not.
    "public_reports:list": "YYYYY YY YYY",
    "open_data:open_data": "YYYYY YY YYY",
    "open_data:ratings_json": "YYYYY YY YYY",
    "open_data:ratings_csv": "YYYYY YY YYY",
    "open_data:schema": "YYYYY YY YYY",
    "open_data:dictionary": "YYYYY YY YYY",
    "public_reports:report": ("NNNNN NN NNN", "NNNNN NN NNN", "YYYYY YY YYY"),
    "public_reports:pdf": ("NNNNN NN NNN", "NNNNN NN NNN", "YYYYY YY YYY"),
    "plans:plan": ("YYYYY FF NNL", "YYYYY FF NNL", "YYYYY YY NNL"),
    "plans:action": ("NNFFF NN NNL", "NNFFF NN NNL", "YYFFF YY NNL"),
    "plans:export": ("YYYYY FF NNL", "YYYYY FF NNL", "YYYYY YY NNL"),
    "services:list": "YYYYY YY YYL",
    # The national picture: the inspectorate's own people (not assessors, partners, services).
    "national:index": "YYYFF FF FYL",
    "national:figure": "YYYFF FF FYL",
    "national:figure_csv": "YYYFF FF FYL",
    "national:services": "YYYFF FF FYL",
    "national:history": "YYYFF FF FYL",
    "national:disproportionality": "YYYFF FF FYL",
    "national:selection": "YYYFF FF FYL",
    "national:selection_csv": "YYYFF FF FYL",
    "national:disproportionality_csv": "YYYFF FF FYL",
    "services:create": "YFFFF FF FFL",
    "services:detail": "YYYYY YY NYL",
    "services:edit": "YFFFF FF FFL",
    "records:subject_access": "YFFFF FF FFL",
    # The service's own records: its people only; inspectors are refused with the reason.
    "staffing:overview": "FFFFF YY NFL",
    "staffing:post": "FFFFF YY NFL",
    "staffing:person": "FFFFF YY NFL",
    "casework:caseload": "FFFFF YY NFL",
    "casework:allocate": "FFFFF YY NFL",
    "safeguarding:notices": "FFFFF YY NFL",
    "safeguarding:notice": "FFFFF YY NFL",
    "safeguarding:exploitation": "FFFFF YY NFL",
    "board:board": "FFFFF YY NFL",
    "boardpack:pack": "FFFFF YY NFL",
    "boardpack:pack_pdf": "FFFFF YY NFL",
    "outofcourt:panels": "FFFFF YY NFL",
    "outofcourt:panel": "FFFFF YY NFL",
    "kpis:kpis": "FFFFF YY NFL",
    "kpis:template": "FFFFF YY NFL",
    "interventions:register": "FFFFF YY NFL",
    "interventions:intervention": "FFFFF YY NFL",
    # The service's own self-assessments: never the inspectorate's to see.
    "selfassessment:list": "FFFFF YY NFL",
    "selfassessment:take_caseload": "MMMMM MM MML",
}
CODES = {"Y": 200, "F": 403, "N": 404, "L": 302, "M": 405}


def expected(row: str, stage: str) -> dict[str | None, int]:
    cells = MATRIX[row]
    if isinstance(cells, tuple):
        cells = cells[STAGES.index(stage)]
    letters = cells.replace(" ", "")
    assert len(letters) == len(PEOPLE), row
    return {person: CODES[letter] for person, letter in zip(PEOPLE, letters, strict=True)}


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                # The admin site has its own test below; the API's operations ask the same
                # rules and are tested as each person in tests/api.
                if pattern.namespace not in ("admin", "api"):
                    walk(pattern, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


def test_every_url_pattern_has_a_row():
    rows = {row.split(" ")[0] for row in MATRIX}
    assert url_names() - rows == set(), "new pages need a row in MATRIX"
    assert rows - url_names() == set(), "rows for pages that no longer exist"


# ---- The world: one inspection with something on every page --------------------------------


@pytest.fixture
def world(sampled, alice, ian, lara, mona, service, request):
    """The inspection at the stage asked for, with an alert raised and one confirmed, a
    consent, a finding, a recommendation and (once published) an improvement action."""
    stage = request.param
    people = {"alice": alice, "ian": ian, "lara": lara, "mona": mona}
    people["ada"] = _person("ada", "inspectorate_admin")
    people["ada"].is_staff = people["ada"].is_superuser = True
    people["ada"].save()
    people["pat"] = _person("pat", "partner_inspector")
    people["sam"] = _person("sam", "service_staff", service=service)
    other = YouthJusticeService.objects.create(name="Other YJS", nation="england")
    people["oscar"] = _person("oscar", "service_manager", service=other)
    people["charlie"] = _person("charlie", "inspector")
    people["ivy"] = _person("ivy", "inspector")  # added to the team by the lead's form
    inspection = sampled
    inspections.assign_team_member(alice, inspection, people["pat"], "partner_inspector")
    partner_case = SampledCase.objects.filter(inspection=inspection, assessor=ian).last()
    partner_case.assessor = people["pat"]
    partner_case.save(update_fields=["assessor"])
    ian_case = SampledCase.objects.filter(inspection=inspection, assessor=ian).first()
    raised = alerts.raise_alert(
        ian,
        inspection,
        cases=[ian_case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="x",
    )
    confirmed = alerts.raise_alert(
        ian,
        inspection,
        cases=[ian_case],
        themes=["safeguarding"],
        kind="others_safety",
        severity="high",
        found="y",
    )
    alerts.confirm(alice, confirmed)
    fieldwork.record_consent(ian, inspection, "C-01", "child", date(2024, 5, 14))
    findings.add_finding(
        ian,
        inspection,
        "1.1",
        kind="strength",
        text="Clear vision",
        key_questions=["1.1.1"],
        evidence=[],
    )
    recommendation = findings.add_recommendation(
        alice,
        inspection,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Use data.",
        standards=["1.1"],
    )
    own = own_records(service)
    brought = WorkbookImport.objects.create(
        inspection=inspection, uploaded_by=ian, file_name="w.xlsx", state="refused"
    )
    action_id = MISSING
    if stage == "factual_accuracy":
        ready_to_publish(inspection, alice)
    elif stage == "published":
        publish_now(inspection, alice)
        action_id = plans.add_action(
            mona, recommendation, action="Data pack", owner="Head", due=date(2026, 12, 31)
        ).pk
    inspection.refresh_from_db()
    assert inspection.status == stage
    report = PublishedReport.objects.filter(inspection=inspection).first()
    pk = inspection.pk
    args = {
        "home": [],
        "healthz": [],
        "framework": ["hmip-yjs-2018"],
        "login": [],
        "logout": [],
        "set_language": [],
        "notifications": [],
        "second_factor": [],
        "account": [],
        "api_tokens": [],
        "api-docs": [],
        "two_factor_setup": [],
        "recovery_codes": [],
        "password_change": [],
        "password_reset": [],
        "password_reset_done": [],
        "password_reset_confirm": ["MQ", "bad-token"],
        "password_reset_complete": [],
        "inspections:list": [],
        "inspections:create": [],
        "cases:caseload_check": [pk, CaseloadImport.objects.get(inspection=inspection).pk],
        "cases:caseload_progress": [pk, CaseloadImport.objects.get(inspection=inspection).pk],
        "cases:caseload_template": [pk, "xlsx"],
        "cases:replace": [pk, ian_case.pk],
        "cases:workbook_import": [pk, brought.pk],
        "cases:assess": [pk, partner_case.pk, _standard_for(partner_case)],
        "alerts:detail": [pk, raised.pk],
        "alerts:detail confirmed": [pk, confirmed.pk],
        "ratings:judgement": [pk, "1.1"],
        "findings:add": [pk, "1.1"],
        "findings:change": [pk, inspection.findings.get().pk],
        "findings:change_recommendation": [pk, inspection.recommendations.get().pk],
        "findings:summary": [pk, "1"],
        "reports:published": [pk, report.pk if report else MISSING],
        "public_reports:list": [],
        "open_data:open_data": [],
        "open_data:ratings_json": [],
        "open_data:ratings_csv": [],
        "open_data:schema": [],
        "open_data:dictionary": [],
        "ratings:export": [pk, "json"],
        "public_reports:report": [report.pk if report else MISSING],
        "public_reports:pdf": [report.pk if report else MISSING],
        "plans:action": [pk, action_id],
        "plans:export": [pk, "csv"],
        "services:list": [],
        "services:create": [],
        "services:detail": [inspection.service_id],
        "services:edit": [inspection.service_id],
        "national:index": [],
        "national:figure": ["overall"],
        "national:figure_csv": ["overall"],
        "national:services": [],
        "national:history": [inspection.service_id],
        "national:disproportionality": [],
        "national:selection": [],
        "national:selection_csv": [],
        "national:disproportionality_csv": [],
        "records:subject_access": [inspection.service_id],
        "staffing:overview": [service.pk],
        "staffing:post": [service.pk, own["post"].pk],
        "staffing:person": [service.pk, own["person"].pk],
        "casework:caseload": [service.pk],
        "casework:allocate": [service.pk, own["case"].pk],
        "safeguarding:notices": [service.pk],
        "safeguarding:notice": [service.pk, own["notice"].pk],
        "safeguarding:exploitation": [service.pk],
        "board:board": [service.pk],
        "boardpack:pack": [service.pk],
        "boardpack:pack_pdf": [service.pk],
        "outofcourt:panels": [service.pk],
        "outofcourt:panel": [service.pk, own["panel"].pk],
        "kpis:kpis": [service.pk],
        "kpis:template": [service.pk],
        "interventions:register": [service.pk],
        "interventions:intervention": [service.pk, own["intervention"].pk],
        "selfassessment:list": [service.pk],
    }
    return stage, people, inspection, args


def own_records(service) -> dict:
    """A post, its holder (a case manager) and their line manager, and a case to allocate."""
    boss = StaffMember.objects.create(service=service, name="B. Boss", started_on=date(2020, 1, 1))
    person = StaffMember.objects.create(
        service=service,
        name="C. Manager",
        started_on=date(2020, 1, 1),
        line_manager=boss,
        case_manager=True,
    )
    post = Post.objects.create(
        service=service,
        title="Case manager 1",
        kind="case_manager",
        agency="Council",
        hours_per_week=37,
        established_on=date(2020, 1, 1),
    )
    Appointment.objects.create(post=post, person=person, starts_on=date(2020, 1, 1))
    case = service_case(service, "OWN-1", starts_on=date(2025, 1, 6))
    notice = Notice.objects.create(
        case=case,
        kind="missing",
        from_agency="Police",
        occurred_at=datetime(2025, 3, 1, 22, tzinfo=UTC),
        received_at=datetime(2025, 3, 2, 9, tzinfo=UTC),
        recorded_by=User.objects.get(username="mona"),
    )
    BoardMember.objects.create(
        service=service, name="A. Chair", board_role="Chair", organisation="Council"
    )
    panel = Panel.objects.create(
        service=service,
        held_on=date(2025, 3, 5),
        agencies=["yjs", "police"],
        recorded_by=User.objects.get(username="mona"),
    )
    intervention = Intervention.objects.create(
        service=service, name="CAMHS in-reach", need="mental_health", provider="Health board"
    )
    return {
        "intervention": intervention,
        "boss": boss,
        "person": person,
        "post": post,
        "case": case,
        "notice": notice,
        "panel": panel,
    }


def _standard_for(partner_case: SampledCase) -> str:
    return "2.1" if partner_case.population == "court" else "3.1"


@pytest.mark.parametrize("world", STAGES, indirect=True)
def test_who_opens_each_page_at_each_stage(world, client):
    stage, people, inspection, args = world
    wrong: list[str] = []
    for person in PEOPLE:
        client.logout()
        if person:
            client.force_login(people[person])
        for row in MATRIX:
            name = row.split(" ")[0]
            url = reverse(name, args=args.get(row, [inspection.pk]))
            got = client.get(url).status_code
            want = expected(row, stage)[person]
            if got != want:
                wrong.append(f"{stage} {person or 'anonymous'} {row}: {got}, expected {want}")
    assert wrong == []


def test_the_admin_site_is_only_for_the_inspectorate_admin(client, alice, mona):
    ada = _person("ada", "inspectorate_admin")
    ada.is_staff = ada.is_superuser = True
    ada.save()
    pages = ["admin:index"] + [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions")
        and reverse_or_none(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    ]
    for person, status in [(ada, 200), (alice, 302), (mona, 302), (None, 302)]:
        client.logout()
        if person:
            client.force_login(person)
        for page in pages:
            assert client.get(reverse(page)).status_code == status, (person, page)


def reverse_or_none(name: str) -> str | None:
    from django.urls import NoReverseMatch

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# ---- Posting what one may not: nothing changes ------------------------------------------------


def fingerprint() -> str:
    """Every row of every table the product keeps (sessions and the page cache aside)."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "contenttypes", "admin"):
            continue
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _workbook_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("w.xlsx", b"not really a workbook")


def posts(inspection, people, args) -> list[tuple[str, list, dict, set[str]]]:
    """Each state-changing form: its page, what a person would send, and who may send it."""
    pk = inspection.pk
    pat_member = TeamMember.objects.get(inspection=inspection, user=people["pat"])
    raised = CaseAlert.objects.get(pk=args["alerts:detail"][1])
    confirmed = CaseAlert.objects.get(pk=args["alerts:detail confirmed"][1])
    consent = inspection.consents.get()
    finding = inspection.findings.get()
    recommendation = inspection.recommendations.get()
    lead = {"ada", "alice"}
    core = lead | {"ian", "lara"}
    team = core | {"pat"}
    service = {"mona", "sam"}
    return [
        (
            "inspections:create",
            [],
            {
                "service": inspection.service_id,
                "framework_id": "hmip-yjs-2021",
                "fieldwork_start": "01/06/2026",
                "fieldwork_end": "05/06/2026",
            },
            lead,
        ),
        ("inspections:advance", [pk], {"to_status": "moderation"}, lead),
        ("inspections:team", [pk], {"user": people["ivy"].pk, "role": "inspector"}, lead),
        (
            "inspections:team",
            [pk],
            {"grants": pat_member.pk, f"grants-{pat_member.pk}": ["cases"]},
            lead,
        ),
        ("inspections:team", [pk], {"remove": pat_member.pk}, lead),
        ("cases:sample", [pk], {"allocate": "1", "seed": "5"}, lead),
        ("cases:allocation", [pk], {f"case-{args['cases:replace'][1]}": people["lara"].pk}, lead),
        ("cases:allocation", [pk], {"rebalance": "1"}, lead),
        (
            "cases:replace",
            [pk, args["cases:replace"][1]],
            {"reason": "Case transferred out", "version": 0},
            lead,
        ),
        ("cases:moderation", [pk], {"share_percent": "20"}, lead),
        ("cases:profiles", [pk], {"name": "Ours", "columns": "Ref = case_ref", "codes": ""}, lead),
        # Bringing a workbook back: the team's assessors (the service and outsiders never).
        ("cases:workbook", [pk], {"workbook": _workbook_file()}, team),
        ("cases:workbook_import", [pk, args["cases:workbook_import"][1]], {}, set()),
        (
            "fieldwork:consents",
            [pk],
            {"reference": "C-02", "person": "parent", "given_on": "14/05/2024"},
            team,
        ),
        ("fieldwork:consents", [pk], {"withdraw": consent.pk}, core),
        (
            "alerts:list",
            [pk],
            {"kind": "organisational", "severity": "medium", "themes": ["other"], "found": "P"},
            team,
        ),
        ("alerts:detail", [pk, raised.pk], {"action": "confirm", "version": raised.version}, lead),
        (
            "alerts:detail",
            [pk, raised.pk],
            {"action": "withdraw", "note": "No", "version": raised.version},
            lead,
        ),
        (
            "alerts:detail",
            [pk, confirmed.pk],
            {"action": "add_action", "new-text": "Do", "new-owner": "Head", "new-due": "1/1/2099"},
            {"mona"},
        ),
        (
            "alerts:detail",
            [pk, confirmed.pk],
            {"action": "review", "decision": "return", "reasons": "More", "version": 1},
            lead,
        ),
        (
            "alerts:detail",
            [pk, confirmed.pk],
            {"action": "close", "note": "ok", "version": confirmed.version},
            lead,
        ),
        (
            "ratings:ratings",
            [pk],
            {"standard_id": "1.1", "rating": "good", "reason": "Moderated"},
            lead,
        ),
        ("ratings:judgement", [pk, "1.1"], {"rating": "good", "reasons": "Clear evidence"}, core),
        (
            "ratings:judgement",
            [pk, "1.1"],
            {"key_question_id": "1.1.1", "source": "document", "summary": "Board minutes"},
            team,
        ),
        (
            "findings:add",
            [pk, "1.1"],
            {"kind": "strength", "text": "Good", "key_questions": ["1.1.1"]},
            core,
        ),
        ("findings:change", [pk, finding.pk], {"text": "Changed", "version": 0}, core),
        ("findings:findings", [pk], {"move": finding.pk, "up": "0"}, core),
        (
            "findings:change_recommendation",
            [pk, recommendation.pk],
            {
                "body": "board",
                "body_name": "Board",
                "text": "Changed",
                "standards": ["1.1"],
                "version": 0,
            },
            lead,
        ),
        ("findings:recommendations", [pk], {"move": recommendation.pk, "up": "0"}, lead),
        ("findings:findings", [pk], {"remove": finding.pk}, core),
        ("findings:summary", [pk, "1"], {"text": "Summary", "version": 0}, core),
        (
            "findings:recommendations",
            [pk],
            {"body": "board", "body_name": "Board", "text": "Act", "standards": ["1.1"]},
            lead,
        ),
        ("findings:recommendations", [pk], {"remove": recommendation.pk}, lead),
        ("reports:report", [pk], {}, lead),
        ("reports:accuracy", [pk], {"paragraph": "ratings", "comment": "1.2 is wrong"}, service),
        (
            "plans:plan",
            [pk],
            {
                "recommendation": recommendation.pk,
                "action": "Train",
                "owner": "Head",
                "due": "31/12/2026",
            },
            lead | service,
        ),
        (
            "services:create",
            [],
            {"name": "New YJS", "nation": "wales", "local_authorities": "Newtown"},
            {"ada"},
        ),
        (
            "services:edit",
            [inspection.service_id],
            {"name": "Renamed", "nation": "wales", "local_authorities": "Cwm Afon"},
            {"ada"},
        ),
        (
            "services:detail",
            [inspection.service_id],
            {"name": "A Chair", "board_role": "Chair", "organisation": "Council"},
            {"ada"},
        ),
        (
            "services:detail",
            [inspection.service_id],
            {
                "form": "person",
                "person-username": "new.one",
                "person-email": "n@x.example",
                "person-role": "service_staff",
            },
            {"ada"},
        ),
        (
            "services:detail",
            [inspection.service_id],
            {"form": "remove", "person": people["sam"].pk},
            {"ada"},
        ),
        (
            "services:detail",
            [inspection.service_id],
            {
                "form": "contact",
                "contact-name": "DI Jones",
                "contact-role": "DI",
                "contact-organisation": "Police",
                "contact-email": "dj@x.example",
            },
            {"ada", "mona"},
        ),
        (
            "staffing:overview",
            [inspection.service_id],
            {
                "form": "post",
                "post-title": "Case manager 2",
                "post-kind": "case_manager",
                "post-agency": "Council",
                "post-hours_per_week": "37",
                "post-established_on": "01/01/2024",
            },
            {"mona"},
        ),
        (
            "staffing:person",
            [inspection.service_id, args["staffing:person"][1]],
            {
                "form": "supervision",
                "supervision-supervisor": StaffMember.objects.get(name="B. Boss").pk,
                "supervision-held_on": "01/06/2025",
            },
            {"mona"},
        ),
        (
            "casework:allocate",
            [inspection.service_id, args["casework:allocate"][1]],
            {"form": "allocate", "allocation-practitioner": args["staffing:person"][1]},
            {"mona"},
        ),
        (
            "safeguarding:notices",
            [inspection.service_id],
            {
                "case_ref": "OWN-1",
                "kind": "arrest",
                "from_agency": "Police",
                "occurred_at": "01/04/2025 10:00",
                "received_at": "01/04/2025 12:00",
            },
            service,
        ),
        (
            "safeguarding:notice",
            [inspection.service_id, args["safeguarding:notice"][1]],
            {"seen_by": args["staffing:person"][1], "seen_at": "02/03/2025 10:00"},
            service,
        ),
        (
            "safeguarding:exploitation",
            [inspection.service_id],
            {
                "form": "screening",
                "screening-case_ref": "OWN-1",
                "screening-screened_on": "01/04/2025",
                "screening-outcome": "criminal",
            },
            service,
        ),
        (
            "board:board",
            [inspection.service_id],
            {"form": "meeting", "meeting-held_on": "01/04/2025", "meeting-present": []},
            {"mona"},
        ),
        (
            "interventions:register",
            [inspection.service_id],
            {"name": "Family support", "need": "family", "provider": "Council"},
            {"mona"},
        ),
        (
            "interventions:intervention",
            [inspection.service_id, args["interventions:intervention"][1]],
            {"form": "refer", "refer-case_ref": "OWN-1", "refer-referred_on": "01/04/2025"},
            service,
        ),
        (
            "outofcourt:panels",
            [inspection.service_id],
            {"held_on": "02/04/2025", "agencies": ["yjs", "police", "health"]},
            service,
        ),
        (
            "outofcourt:panel",
            [inspection.service_id, args["outofcourt:panel"][1]],
            {
                "case_ref": "OWN-1",
                "information": ["offence"],
                "outcome": "youth_caution",
                "reason": "First offence",
            },
            service,
        ),
        (
            "selfassessment:list",
            [inspection.service_id],
            {
                "framework_id": "yjb-ns-2019",
                "standards": ["2"],
                "audit_start": "02/06/2025",
                "audit_end": "16/06/2025",
            },
            {"mona"},
        ),
        # An inspection's caseload is never taken from the service's records, by anyone.
        ("selfassessment:take_caseload", [pk], {}, set()),
    ]


# Where the form's own person changes something with the same post (so the refusals above
# are refusals, not bad data): (page, first field) -> stages. The stage decides the rest.
ALL = set(STAGES)
BEFORE_PUBLICATION = {"fieldwork", "factual_accuracy"}
WORKS_AT = {
    ("inspections:create", "service"): ALL,
    ("inspections:team", "user"): BEFORE_PUBLICATION,
    ("inspections:team", "grants"): BEFORE_PUBLICATION,
    ("cases:sample", "allocate"): {"fieldwork"},
    ("cases:replace", "reason"): {"fieldwork"},
    ("cases:allocation", "case"): {"fieldwork"},
    ("cases:moderation", "share_percent"): {"fieldwork"},
    ("cases:profiles", "name"): ALL,
    ("fieldwork:consents", "reference"): {"fieldwork"},
    ("fieldwork:consents", "withdraw"): ALL,
    ("alerts:list", "kind"): BEFORE_PUBLICATION,
    ("alerts:detail", "action"): ALL,  # the first: the lead confirms the raised alert
    ("ratings:judgement", "key_question_id"): {"fieldwork"},
    ("findings:add", "kind"): BEFORE_PUBLICATION,
    ("findings:change", "text"): BEFORE_PUBLICATION,
    ("findings:change_recommendation", "body"): BEFORE_PUBLICATION,
    ("findings:findings", "remove"): BEFORE_PUBLICATION,
    ("findings:summary", "text"): BEFORE_PUBLICATION,
    ("findings:recommendations", "body"): BEFORE_PUBLICATION,
    ("reports:report", None): {"factual_accuracy"},
    ("plans:plan", "recommendation"): {"published"},
    ("services:create", "name"): ALL,
    ("services:edit", "name"): ALL,
    ("services:detail", "name"): ALL,
    ("services:detail", "form"): ALL,
    ("plans:action", "status"): {"published"},
    ("staffing:overview", "form"): ALL,
    ("staffing:person", "form"): ALL,
    ("casework:allocate", "form"): ALL,
    ("safeguarding:notices", "case_ref"): ALL,
    ("safeguarding:notice", "seen_by"): ALL,
    ("safeguarding:exploitation", "form"): ALL,
    ("board:board", "form"): ALL,
    ("interventions:register", "name"): ALL,
    ("interventions:intervention", "form"): ALL,
    ("outofcourt:panels", "held_on"): ALL,
    ("outofcourt:panel", "case_ref"): ALL,
    ("selfassessment:list", "framework_id"): ALL,
}


@pytest.mark.parametrize("world", STAGES, indirect=True)
def test_a_form_posted_by_someone_who_may_not_use_it_changes_nothing(world, client):
    stage, people, inspection, args = world
    forms = posts(inspection, people, args)
    if stage == "published":
        action = ImprovementAction.objects.get(inspection=inspection)
        forms.append(
            (
                "plans:action",
                [inspection.pk, action.pk],
                {"status": "done", "evidence": "Minutes", "version": action.version},
                {"ada", "alice", "mona", "sam"},
            )
        )
    changed: list[str] = []
    unproven: list[str] = []
    for name, url_args, data, allowed in forms:
        url = reverse(name, args=url_args)
        for person in PEOPLE:
            if person in allowed:
                continue
            client.logout()
            if person:
                client.force_login(people[person])
            before = fingerprint()  # after signing in, which notes the time
            answer = client.post(url, data)
            # Refused outright (403/404, or sent to sign in), or the form shown again with
            # the reason (200, or 303 back to the page with a message): never a change.
            if answer.status_code >= 500 or fingerprint() != before:
                changed.append(
                    f"{stage} {person or 'anonymous'} {name} {data}: {answer.status_code}"
                )
        first_field = re.sub(r"-\d+$", "", next(iter(data), ""))  # case-12 → case
        if stage in WORKS_AT.pop((name, first_field or None), set()):
            client.force_login(people["alice" if "alice" in allowed else sorted(allowed)[0]])
            before = fingerprint()
            client.post(url, data)
            if fingerprint() == before:
                unproven.append(f"{stage} {name} {data} changed nothing for its own person")
    assert changed == []
    assert unproven == []
