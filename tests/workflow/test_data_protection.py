"""Children's data: a caseload carries only the framework's columns, unconfirmed uploads
expire, the retention policy removes what has been kept long enough (a dry run first), a
subject-access request gathers everything held about a case reference, and no published report
names a case."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from yjinspect.alerts import services as alerts
from yjinspect.audit.models import AuditEvent
from yjinspect.cases import caseload
from yjinspect.cases.models import Case, CaseloadImport, SampledCase, StagedCase
from yjinspect.cli.main import main
from yjinspect.fieldwork import services as fieldwork
from yjinspect.fieldwork.models import Consent
from yjinspect.findings import services as findings
from yjinspect.inspections.models import StatusChange
from yjinspect.reports.models import PublishedReport
from yjinspect.synthetic import caseload_csv

from ..conftest import at_stage, publish_now, service_case


def test_a_caseload_with_columns_the_framework_does_not_use_is_refused(
    inspection, alice, caseload_file
):
    from datetime import date

    from yjinspect.inspections import services as inspections

    inspections.advance_status(alice, inspection, "data_in_advance")
    text = caseload_csv(20, fieldwork=date(2024, 5, 13), seed=3).splitlines()
    rows = [text[0] + ",child_name,date_of_birth,address"]
    rows += [line + ",Jane Doe,2010-03-14,1 High St" for line in text[1:]]
    upload = caseload_file(text="\n".join(rows) + "\n")
    checked = caseload.check_upload(alice, inspection, upload.name, upload)
    assert checked.state == CaseloadImport.State.REFUSED
    message = checked.problems[0]["message"]
    assert "column(s) the framework does not use: child_name, date_of_birth, address" in message
    assert not StagedCase.objects.exists() and not Case.objects.exists()


def test_the_sample_command_refuses_them_too(tmp_path, capsys):
    from datetime import date

    text = caseload_csv(20, fieldwork=date(2024, 5, 13), seed=3).splitlines()
    path = tmp_path / "caseload.csv"
    path.write_text("\n".join([text[0] + ",child_name"] + [r + ",Jane" for r in text[1:]]))
    code = main(
        [
            "sample",
            "--caseload",
            str(path),
            "--framework",
            "hmip-yjs-2021",
            "--fieldwork",
            "2024-05-13",
            "--seed",
            "1",
        ]
    )
    assert code == 2
    assert "child_name" in capsys.readouterr().err


@pytest.fixture
def unconfirmed(inspection, alice, caseload_file):
    from yjinspect.inspections import services as inspections

    inspections.advance_status(alice, inspection, "data_in_advance")
    upload = caseload_file(rows=40)
    checked = caseload.check_upload(alice, inspection, upload.name, upload)
    assert checked.state == CaseloadImport.State.CHECKED and StagedCase.objects.count() == 40
    return checked


def retention(capsys, *flags: str) -> str:
    assert main(["retention", "apply", *flags]) == 0
    return capsys.readouterr().out


def test_staged_rows_of_an_unconfirmed_upload_expire(unconfirmed, alice, capsys):
    assert "Would remove 0: unconfirmed caseload uploads" in retention(capsys, "--dry-run")
    CaseloadImport.objects.filter(pk=unconfirmed.pk).update(
        uploaded_at=timezone.now() - timedelta(days=8)
    )
    report = retention(capsys, "--dry-run")
    assert "Would remove 1: unconfirmed caseload uploads older than 7 days" in report
    assert "Nothing was changed" in report and StagedCase.objects.count() == 40
    assert "Removed 1: unconfirmed caseload uploads" in retention(capsys, "--execute")
    assert not StagedCase.objects.exists()
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == CaseloadImport.State.EXPIRED
    with pytest.raises(ValidationError):
        caseload.confirm_import(alice, unconfirmed)
    assert AuditEvent.objects.filter(action="retention.applied").count() == 1


def test_case_records_of_a_long_closed_inspection_are_pseudonymised(sampled, ian, capsys):
    fieldwork.record_consent(ian, sampled, "C-001", "child", sampled.fieldwork_start)
    refs = set(Case.objects.values_list("case_ref", flat=True))
    at_stage(sampled, "closed")
    assert "Would remove 0: case records" in retention(capsys, "--dry-run")
    StatusChange.objects.filter(inspection=sampled, to_status="closed").update(
        at=timezone.now() - timedelta(days=3 * 365 + 1)
    )
    report = retention(capsys, "--execute")
    assert f"Removed {len(refs)}: case records of inspections closed more than 1095 days" in (
        report
    )
    assert refs.isdisjoint(Case.objects.values_list("case_ref", flat=True))
    assert Consent.objects.get().reference == "removed"
    # The sample and its assessments keep their shape: ratings can still be shown.
    assert SampledCase.objects.filter(inspection=sampled).exists()
    assert "Would remove 0: case records" in retention(capsys, "--dry-run")


def test_the_services_own_long_closed_cases_are_pseudonymised(service, mona, capsys):
    from yjinspect.casework.models import ServiceCase
    from yjinspect.outofcourt.models import Panel, PanelDecision
    from yjinspect.safeguarding.models import Notice

    def case(ref: str, ended: int | None) -> ServiceCase:
        today = timezone.localdate()
        return service_case(
            service,
            ref,
            disposal="out_of_court",
            disposal_type="youth caution",
            sex="female",
            ethnicity="mixed",
            starts_on=today - timedelta(days=3000),
            ends_on=None if ended is None else today - timedelta(days=ended),
            needs=["education"],
        )

    old, recent, open_case = case("OLD-1", 6 * 365 + 2), case("NEW-1", 30), case("OPEN-1", None)
    Notice.objects.create(
        case=old,
        kind="missing",
        from_agency="Police",
        occurred_at=timezone.now() - timedelta(days=2500),
        received_at=timezone.now() - timedelta(days=2500),
        summary="Found at a friend's house",
        recorded_by=mona,
    )
    panel = Panel.objects.create(
        service=service, held_on=old.starts_on, agencies=["yjs", "police"], recorded_by=mona
    )
    PanelDecision.objects.create(
        panel=panel, case=old, outcome="youth_caution", reason="Admitted it", recorded_by=mona
    )
    report = retention(capsys, "--dry-run")
    assert "Would remove 1: the service's own cases closed more than 2190 days ago" in report
    assert ServiceCase.objects.filter(case_ref="OLD-1").exists()
    retention(capsys, "--execute")
    old.refresh_from_db()
    assert old.case_ref == f"removed-{old.pk}" and old.sex == old.ethnicity == ""
    assert old.needs == [] and old.disposal == "out_of_court"  # the counts still add up
    assert Notice.objects.get(case=old).summary == ""
    assert PanelDecision.objects.get(case=old).reason == "(removed)"
    kept = set(ServiceCase.objects.values_list("case_ref", flat=True))
    assert {"NEW-1", "OPEN-1"} <= kept and recent.pk and open_case.pk


def test_a_subject_access_request_gathers_everything_held_about_a_case(
    sampled, ian, alice, service, capsys, client, ada, mona
):
    case = SampledCase.objects.filter(inspection=sampled, assessor=ian).select_related("case")[0]
    alerts.raise_alert(
        ian,
        sampled,
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="Missing",
    )
    assert main(["subject-access", service.name, case.case.case_ref]) == 0
    held = json.loads(capsys.readouterr().out)
    assert held["case_ref"] == case.case.case_ref
    assert held["caseload_rows"][0]["age"] == case.case.age
    assert held["sampled"][0]["population"] == case.population
    assert held["alerts"][0]["found"] == "Missing"
    assert any(e["action"] == "alert.raised" for e in held["audit_events"])
    assert main(["subject-access", "No Such YJS", "X-1"]) == 2
    # The admin's page shows the same and downloads it; nobody else may ask.
    url = f"/services/{service.pk}/subject-access/"
    client.force_login(mona)
    assert client.get(url).status_code == 403
    client.force_login(ada)
    page = client.post(url, {"case_ref": case.case.case_ref}).content.decode()
    assert "Held about " + case.case.case_ref in page and "Missing" in page
    download = client.post(url, {"case_ref": case.case.case_ref, "download": "1"})
    assert json.loads(download.content)["alerts"][0]["found"] == "Missing"
    assert AuditEvent.objects.filter(action="subject_access.exported").count() == 3


def test_no_published_report_names_a_case(sampled, ian, alice):
    case = SampledCase.objects.filter(inspection=sampled, assessor=ian).select_related("case")[0]
    alerts.raise_alert(
        ian,
        sampled,
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="Found",
    )
    recommendation = findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Use data.",
        standards=["1.1"],
    )
    publish_now(recommendation.inspection, alice)
    refs = list(Case.objects.filter(inspection=sampled).values_list("case_ref", flat=True))
    reports = list(PublishedReport.objects.filter(inspection=sampled))
    assert {r.language for r in reports} == {"en", "cy"}
    for report in reports:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.pdf)).pages)
        named = [ref for ref in refs if ref in report.html or ref in text]
        assert named == [], f"the {report.language} report names cases {named[:3]}"


def test_the_workers_expire_unconfirmed_uploads_daily(unconfirmed):
    from yjinspect.jobs.queue import run_schedule

    CaseloadImport.objects.filter(pk=unconfirmed.pk).update(
        uploaded_at=timezone.now() - timedelta(days=8)
    )
    assert "expire unconfirmed caseload uploads" in run_schedule()  # run at once in tests
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == CaseloadImport.State.EXPIRED and not StagedCase.objects.exists()


def test_a_subject_access_request_includes_the_services_own_records_of_the_child(
    service, mona, capsys
):
    from datetime import UTC, datetime

    from yjinspect.interventions import services as interventions
    from yjinspect.safeguarding import services as safeguarding

    case = service_case(
        service,
        "OWN-9",
        sex="female",
        rosh="medium",
        safety_wellbeing="high",
        starts_on=date(2025, 1, 6),
        needs=["mental_health"],
    )
    safeguarding.record_notice(
        mona,
        case,
        kind="missing",
        from_agency="Police",
        occurred_at=datetime(2025, 3, 1, 22, tzinfo=UTC),
        received_at=datetime(2025, 3, 2, 9, tzinfo=UTC),
    )
    safeguarding.refer(mona, case, referred_on=date(2025, 3, 3), first_responder="Council")
    camhs = interventions.add_intervention(
        mona, service, name="CAMHS", need="mental_health", provider="Health", eligibility=""
    )
    interventions.refer(mona, camhs, case=case, referred_on=date(2025, 3, 4))
    assert main(["subject-access", service.name, "OWN-9"]) == 0
    held = json.loads(capsys.readouterr().out)
    assert held["service_cases"][0]["needs"] == ["mental_health"]
    assert held["notices"][0]["kind"] == "missing"
    assert held["nrm_referrals"][0]["first_responder"] == "Council"
    assert held["intervention_referrals"][0]["intervention"] == "CAMHS"
    recorded = {e["action"] for e in held["audit_events"]}
    assert {"notice.recorded", "nrm.referred", "intervention.referred"} <= recorded
