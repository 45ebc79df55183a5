"""The open-data release holds published inspections only, as files, on its page and through
the API without a token; its records carry what recomputes every rating, and `yjinspect verify`
recomputes them and names any difference. Each inspection's ratings also download as CSV, Excel
and JSON for those who may see them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import jsonschema
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from yjinspect.audit.models import AuditEvent
from yjinspect.catalogue.demo import load_demo
from yjinspect.cli.main import main
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection
from yjinspect.opendata import release

from ..conftest import publish_now


@pytest.fixture
def two(sampled, alice, service):
    """One inspection published, and another of the same service still in fieldwork."""
    from yjinspect.findings import services as findings

    findings.add_recommendation(
        alice, sampled, body="board", body_name="Board", text="Act.", standards=["1.1"]
    )
    published = publish_now(sampled, alice)
    draft = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=date(2026, 3, 2),
        fieldwork_end=date(2026, 3, 6),
    )
    return published, draft


def test_only_published_inspections_are_released_anywhere(client, two, mona):
    from yjinspect.selfassessment import services as self_assessment

    published, draft = two
    self_assessment.start(
        mona,
        published.service,
        framework_id="yjb-ns-2019",
        standards=["2"],
        audit_start=date(2025, 6, 2),
        audit_end=date(2025, 6, 9),
    )
    assert Inspection.objects.count() == 3 and draft.status == "announced"
    document = client.get(reverse("open_data:ratings_json")).json()
    assert [i["inspection_id"] for i in document["inspections"]] == [published.pk]
    from_api = client.get("/api/open-data/")  # no token
    assert from_api.status_code == 200
    assert [i["inspection_id"] for i in from_api.json()["inspections"]] == [published.pk]
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("open_data:ratings_csv")).content.decode()))
    )
    assert {r["inspection_id"] for r in rows} == {str(published.pk)}
    assert len(rows) == len(published.framework.standards)
    jsonschema.validate(document, client.get(reverse("open_data:schema")).json())
    page = client.get(reverse("open_data:open_data")).content.decode()
    assert "1 published inspection" in page and "yjinspect verify" in page


def test_the_release_matches_the_published_table(client, two):
    published, _draft = two
    record = release.document()["inspections"][0]
    ratings = published.published_ratings["en"]
    assert record["score"] == ratings["score"] and record["overall"] == ratings["overall"]
    assert {s["standard_id"]: s["rating"] for s in record["standards"]} == {
        sid: entry["rating"] for sid, entry in ratings["standards"].items()
    }


@pytest.mark.django_db
def test_every_published_demo_inspection_recomputes_to_its_published_ratings(tmp_path, capsys):
    load_demo("a-password")
    assert main(["export", "open-data", "-o", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "ratings.json").read_text())
    frameworks = {i["framework"] for i in written["inspections"]}
    assert {"hmip-yjs-2018", "hmip-yjs-2021", "hmip-fji-2012"} <= frameworks
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "ratings.json")]) == 0
    assert "every recomputed rating equals the published one" in capsys.readouterr().out
    # Someone edits a count: the rating it gave no longer follows, and verify says where.
    record = next(i for i in written["inspections"] if i["framework"] == "hmip-yjs-2018")
    counts = record["rate_input"]["standards"]["2.1"]["key_questions"]["2.1.1"]
    counts["yes"], counts["no"] = 0, counts["yes"] + counts["no"]
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(written))
    assert main(["verify", str(tampered)]) == 1
    said = capsys.readouterr().out
    assert f"inspection {record['inspection_id']} 2.1: published" in said
    assert "recomputed 'inadequate'" in said
    (tmp_path / "bad.json").write_text("[1, 2")
    assert main(["verify", str(tmp_path / "bad.json")]) == 2


def test_an_inspection_s_ratings_download_for_those_who_may_see_them(client, alice, mona, sampled):
    from yjinspect.cases import assessment
    from yjinspect.cases.sampling import current_sample

    case = next(c for c in current_sample(sampled) if c.population == "court")
    assessment.save(
        case.assessor,
        case,
        sampled.framework.standard("2.1"),
        kind="first",
        version=0,
        answers={
            "2.1.1": assessment.AnswerInput("yes"),
            "2.1.2": assessment.AnswerInput("no"),
            "2.1.3": assessment.AnswerInput("na"),
        },
        case_manager_present=True,
        submit=True,
    )
    client.force_login(alice)
    as_csv = client.get(reverse("ratings:export", args=[sampled.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert rows[0][:4] == ["standard_id", "standard", "basis", "rating"]
    key_question = next(r for r in rows if r[4] == "2.1.1")
    assert key_question[5:9] == ["1", "0", "1", "100"]
    book = load_workbook(
        io.BytesIO(client.get(reverse("ratings:export", args=[sampled.pk, "xlsx"])).content)
    )
    assert book.active.cell(row=1, column=1).value == "standard_id"
    as_json = client.get(reverse("ratings:export", args=[sampled.pk, "json"])).json()
    assert as_json["framework"] == "hmip-yjs-2018" and "2.1" in as_json["standards"]
    assert AuditEvent.objects.filter(action="ratings.exported").count() == 3
    client.force_login(mona)  # the service, before the factual-accuracy check
    assert client.get(reverse("ratings:export", args=[sampled.pk, "csv"])).status_code == 403


def test_the_command_line_exports_an_inspection_s_ratings(tmp_path, sampled):
    out = tmp_path / "r.json"
    assert main(["export", "ratings", str(sampled.pk), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["inspection_id"] == sampled.pk
    assert main(["export", "ratings", "999999", "-o", str(out)]) == 2
