"""Caseloads exported from case-management systems: a column profile renames their headings
and translates their codes, is saved for the service and reused, and the upload is checked
and previewed exactly as any other (the same grouped messages, all or nothing). A profile never
lets a name or date of birth through."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yjinspect.cases.models import Case, CaseloadImport, CaseloadProfile
from yjinspect.cli.main import main
from yjinspect.engine.mapping import ProfileError, parse_profile, shipped_profiles
from yjinspect.inspections import services as inspections
from yjinspect.synthetic import caseload_csv

CHILDVIEW = "ChildView-style export (example)"
CAREWORKS = "Careworks-style export (example)"
THEIRS = {
    "case_ref": "Young Person ID",
    "disposal": "Outcome Type",
    "disposal_type": "Outcome",
    "start_date": "Start Date",
    "sex": "Sex",
    "age": "Age at Start",
    "ethnicity": "Ethnicity",
    "rosh": "RoSH",
    "safety_wellbeing": "Safety and Wellbeing",
    "care_status": "Care Status",
}
CODES = {
    "disposal": {"court": "CRT", "out_of_court": "OOC"},
    "rosh": {"low": "L", "medium": "M", "high": "H", "very_high": "VH"},
    "safety_wellbeing": {"low": "L", "medium": "M", "high": "H", "very_high": "VH"},
    "sex": {"male": "M", "female": "F"},
}


def childview_export(inspection, rows: int = 30, extra: str | None = None) -> str:
    """Our synthetic caseload, written as the ChildView-style export would have it."""
    ours = list(
        csv.DictReader(
            io.StringIO(caseload_csv(rows, fieldwork=inspection.fieldwork_start, seed=4))
        )
    )
    out = io.StringIO()
    header = [THEIRS[c] for c in ours[0]] + ([extra] if extra else [])
    writer = csv.writer(out)
    writer.writerow(header)
    for row in ours:
        cells = [CODES.get(c, {}).get(v, v) for c, v in row.items()]
        writer.writerow(cells + (["Jones"] if extra else []))
    return out.getvalue()


@pytest.fixture
def announced(inspection, alice):
    inspections.advance_status(alice, inspection, "data_in_advance")
    inspection.refresh_from_db()
    return inspection


def upload(client, inspection, text: str, profile: str):
    return client.post(
        reverse("cases:caseload", args=[inspection.pk]),
        {"file": SimpleUploadedFile("export.csv", text.encode()), "profile": profile},
    )


def test_two_example_profiles_are_shipped_and_valid():
    shipped = shipped_profiles()
    assert {CHILDVIEW, CAREWORKS} <= set(shipped)
    assert shipped[CHILDVIEW].columns["RoSH"] == "rosh"
    with pytest.raises(ProfileError, match=r"columns\.Name: 'child_name' is not one of"):
        parse_profile({"name": "x", "columns": {"Name": "child_name"}})
    with pytest.raises(ProfileError, match="two of their columns map to case_ref"):
        parse_profile({"name": "x", "columns": {"A": "case_ref", "B": "case_ref"}})


def test_an_export_is_read_through_a_profile_previewed_and_imported(client, alice, announced):
    client.force_login(alice)
    page = client.get(reverse("cases:caseload", args=[announced.pk])).content.decode()
    assert CHILDVIEW in page and CAREWORKS in page
    response = upload(client, announced, childview_export(announced), f"example:{CHILDVIEW}")
    checked = CaseloadImport.objects.get()
    assert response["Location"] == reverse("cases:caseload_check", args=[announced.pk, checked.pk])
    assert checked.state == "checked" and checked.problems == []
    preview = client.get(response["Location"]).content.decode()
    assert "very_high" in preview or "medium" in preview  # their codes, read as ours
    client.post(response["Location"], {"confirm": "1"})
    assert Case.objects.filter(inspection=announced).count() == 30
    assert set(Case.objects.values_list("disposal", flat=True)) <= {"court", "out_of_court"}


def test_a_profile_never_lets_a_name_through(client, alice, announced):
    client.force_login(alice)
    upload(client, announced, childview_export(announced, extra="Surname"), f"example:{CHILDVIEW}")
    refused = CaseloadImport.objects.get()
    assert refused.state == "refused"
    assert "Surname" in refused.problems[0]["message"]
    assert not Case.objects.exists()


def test_a_code_the_profile_does_not_know_is_named_by_column_and_rows(client, alice, announced):
    client.force_login(alice)
    text = childview_export(announced).replace(",VH,", ",Severe,", 2)
    upload(client, announced, text, f"example:{CHILDVIEW}")
    refused = CaseloadImport.objects.get()
    assert refused.state == "refused" and not Case.objects.exists()
    assert any(
        p["column"] in ("rosh", "safety_wellbeing") and "Severe" in p["message"]
        for p in refused.problems
    )


def test_a_service_profile_is_saved_from_an_example_and_reused(client, alice, announced, service):
    client.force_login(alice)
    url = reverse("cases:profiles", args=[announced.pk])
    start = client.get(url, {"start": f"example:{CHILDVIEW}"}).content.decode()
    assert "Young Person ID = case_ref" in start
    columns = "\n".join(f"{theirs} = {ours}" for ours, theirs in THEIRS.items())
    codes = "\n".join(
        f"{c}: {theirs} = {ours}" for c, by in CODES.items() for ours, theirs in by.items()
    )
    bad = client.post(url, {"name": "Ours", "columns": "Young Person ID case_ref", "codes": ""})
    assert "Line 1: write it as" in bad.content.decode() and not CaseloadProfile.objects.exists()
    client.post(url, {"name": "Cwm Afon ChildView", "columns": columns, "codes": codes})
    saved = CaseloadProfile.objects.get(service=service)
    # A later inspection of the service is offered it.
    later = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=announced.fieldwork_start.replace(year=2026),
        fieldwork_end=announced.fieldwork_end.replace(year=2026),
    )
    offered = client.get(reverse("cases:caseload", args=[later.pk])).content.decode()
    assert f'value="saved:{saved.pk}"' in offered
    upload(client, announced, childview_export(announced), f"saved:{saved.pk}")
    assert CaseloadImport.objects.get().state == "checked"
    wrong = upload(client, announced, childview_export(announced), "saved:999999")
    assert "Choose one of the profiles offered" in wrong.content.decode()


def test_the_command_line_imports_through_a_profile(tmp_path, alice, announced, capsys):
    export = tmp_path / "export.csv"
    export.write_text(childview_export(announced, rows=12))
    args = ["import", "caseload", str(announced.pk), str(export), "--as", "alice"]
    assert main([*args, "--profile", "Nope"]) == 2
    assert main(args) == 1  # without a profile their headings are not ours
    assert "column(s) the framework does not use: Young Person ID" in capsys.readouterr().out
    assert main([*args, "--profile", CHILDVIEW]) == 0
    assert Case.objects.filter(inspection=announced).count() == 12
