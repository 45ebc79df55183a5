"""The API as a program uses it: a token made on the account page, the same permissions as the
pages, lists a page at a time, changes guarded by ETag and If-Match, refusals as problem
details, a rate limit, and the OpenAPI schema with its documentation page."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from yjinspect.accounts import tokens
from yjinspect.accounts.models import ApiToken
from yjinspect.api.main import api
from yjinspect.cli.main import main
from yjinspect.findings import services as findings
from yjinspect.plans import services as plans

from ..conftest import _person, at_stage, publish_now, service_case


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the rate limit counts in the default cache
    yield
    cache.clear()


def bearer(user) -> dict[str, str]:
    _token, key = tokens.create(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code and body["title"] and body["detail"]
    return body


def test_a_token_made_on_the_account_page_opens_the_api_until_revoked(client, alice, inspection):
    client.force_login(alice)
    account = client.get(reverse("account")).content.decode()
    assert reverse("api_tokens") in account
    page = client.post(reverse("api_tokens"), {"name": "Nightly export", "days": "30"})
    key = re.search(r"data-new-token>(yj_[^<]+)<", page.content.decode()).group(1)
    assert ApiToken.objects.get().key_hash != key  # only a fingerprint is kept
    assert "Nightly export" in client.get(reverse("api_tokens")).content.decode()
    assert key not in client.get(reverse("api_tokens")).content.decode()  # shown once
    client.logout()
    url = f"/api/inspections/{inspection.pk}/"
    opened = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert opened.status_code == 200 and opened.json()["framework_id"] == "hmip-yjs-2018"
    client.force_login(alice)
    client.post(reverse("api_tokens"), {"revoke": ApiToken.objects.get().pk})
    client.logout()
    refused = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert refused.status_code == 401 and refused["WWW-Authenticate"].startswith("Bearer")
    problem(refused)


def test_a_bad_token_request_changes_nothing(client, alice):
    client.force_login(alice)
    page = client.post(reverse("api_tokens"), {"name": "", "days": "9999"})
    text = page.content.decode()
    assert "Say what the token is for" in text and "at most 365 days" in text
    assert not ApiToken.objects.exists()


def test_an_expired_token_no_longer_works(client, alice, inspection):
    token, key = tokens.create(alice, name="old")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/inspections/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_the_command_line_makes_a_token(capsys, alice, inspection, client):
    assert main(["token", "create", "alice", "--name", "Script", "--days", "7"]) == 0
    key = capsys.readouterr().out.strip()
    assert client.get("/api/inspections/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert main(["token", "create", "nobody"]) == 2
    assert main(["token", "create", "alice", "--days", "0"]) == 2


def test_the_api_asks_the_pages_rules(client, alice, ian, mona, ada, service, inspection):
    """Lists hold what the person may see; a record they may not see is 404, a part of an
    inspection they may see but not use is 403 with the reason."""
    other = _person("oscar", "service_manager")
    base = f"/api/inspections/{inspection.pk}"
    listed = client.get("/api/inspections/", **bearer(ian)).json()
    assert [i["id"] for i in listed["items"]] == [inspection.pk] and listed["count"] == 1
    assert client.get(f"{base}/sample/", **bearer(ian)).status_code == 200
    # The service sees its inspection but not its sample or, before the accuracy check, ratings.
    as_service = bearer(mona)
    assert client.get(f"{base}/", **as_service).status_code == 200
    assert problem(client.get(f"{base}/sample/", **as_service))["status"] == 403
    assert problem(client.get(f"{base}/ratings/", **as_service))["status"] == 403
    # Another service's manager does not learn it exists.
    assert problem(client.get(f"{base}/", **bearer(other)))["status"] == 404
    assert client.get("/api/inspections/", **bearer(other)).json()["count"] == 0
    # A service's own records are its people's.
    own = f"/api/services/{service.pk}/cases/"
    assert client.get(own, **as_service).status_code == 200
    assert "data in advance" in problem(client.get(own, **bearer(ada)))["detail"]
    # Frameworks are public, like their pages.
    frameworks = client.get("/api/frameworks/").json()
    assert "yjb-ns-2019" in [f["id"] for f in frameworks]
    assert client.get("/api/frameworks/nope/").status_code == 404


@pytest.fixture
def published_action(sampled, alice, mona):
    inspection = sampled
    recommendation = findings.add_recommendation(
        alice,
        inspection,
        body="board",
        body_name="Board",
        text="Give the board data.",
        standards=["1.1"],
    )
    publish_now(inspection, alice)
    recommendation.refresh_from_db()
    return plans.add_action(
        mona, recommendation, action="Data pack", owner="Head", due=date.today() + timedelta(30)
    )


def test_a_change_names_the_version_it_read(client, mona, published_action):
    pk = published_action.inspection_id
    url = f"/api/inspections/{pk}/improvement-actions/{published_action.pk}/"
    headers = bearer(mona)
    read = client.get(url, **headers)
    etag = read["ETag"]
    change = json.dumps({"status": "in_progress", "evidence": "Drafted"})

    def patch(**extra):
        return client.patch(url, change, content_type="application/json", **headers, **extra)

    assert problem(patch())["status"] == 428
    saved = patch(HTTP_IF_MATCH=etag)
    assert saved.status_code == 200 and saved.json()["status"] == "in_progress"
    assert saved["ETag"] != etag
    stale = problem(patch(HTTP_IF_MATCH=etag))
    assert stale["status"] == 412
    published_action.refresh_from_db()
    assert published_action.version == 1  # the stale change saved nothing
    wrong = client.patch(
        url,
        json.dumps({"status": "finished"}),
        content_type="application/json",
        HTTP_IF_MATCH=saved["ETag"],
        **headers,
    )
    assert problem(wrong)["errors"] == [
        {"field": "status", "message": "Choose one of: not_started, in_progress, done"}
    ]


def test_a_change_at_the_wrong_stage_or_by_the_wrong_person_is_refused(
    client, ian, mona, published_action
):
    pk = published_action.inspection_id
    url = f"/api/inspections/{pk}/improvement-actions/{published_action.pk}/"
    change = json.dumps({"status": "done", "evidence": "x"})
    as_ian = client.patch(
        url, change, content_type="application/json", HTTP_IF_MATCH="*", **bearer(ian)
    )
    assert problem(as_ian)["status"] == 403
    at_stage(published_action.inspection, "closed")
    closed = client.patch(
        url, change, content_type="application/json", HTTP_IF_MATCH="*", **bearer(mona)
    )
    assert "not possible at the Closed stage" in problem(closed)["detail"]


def test_bad_input_is_named(client, alice, inspection):
    response = client.get("/api/inspections/?page=0", **bearer(alice))
    body = problem(response)
    assert body["status"] == 422 and body["errors"][0]["field"].endswith("page")


def test_too_many_requests_are_slowed(client, alice, inspection, monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 3)
    headers = bearer(alice)
    codes = [client.get("/api/inspections/", **headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/inspections/", **headers)
    assert int(limited["Retry-After"]) >= 1
    problem(limited)


def test_the_schema_is_openapi_3_1_and_documented_offline(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.1")
    operations = [op for ops in schema["paths"].values() for op in ops]
    assert len(operations) >= 15
    refusal = schema["paths"]["/api/inspections/{pk}/"]["get"]["responses"]["404"]
    assert "application/problem+json" in refusal["content"]
    docs = client.get(reverse("api-docs")).content.decode()
    assert "PATCH /api/inspections/{pk}/improvement-actions/{action_id}/" in docs
    assert '<script src="http' not in docs and "cdn" not in docs.lower()


def test_a_wild_id_is_named_not_a_server_error(client, alice, inspection):
    huge = 2**70
    body = problem(client.get(f"/api/inspections/{huge}/", **bearer(alice)))
    assert body["status"] == 422 and body["errors"][0]["field"].endswith("pk")
    assert problem(client.get("/api/inspections/0/", **bearer(alice)))["status"] == 422


def test_evidence_is_recorded_and_bad_fields_are_named(client, ian, mona, sampled):
    url = f"/api/inspections/{sampled.pk}/evidence/"
    given = {"standard_id": "1.1", "key_question_id": "1.1.1", "source": "document"}
    made = client.post(
        url,
        json.dumps({**given, "summary": "Board minutes show the plan."}),
        content_type="application/json",
        **bearer(ian),
    )
    assert made.status_code == 201 and made.json()["summary"] == "Board minutes show the plan."
    listed = client.get(url, **bearer(ian)).json()
    assert listed["count"] == 1
    wrong = client.post(
        url,
        json.dumps({**given, "standard_id": "9.9", "summary": "x"}),
        content_type="application/json",
        **bearer(ian),
    )
    assert problem(wrong)["errors"] == [
        {"field": "standard_id", "message": "No such standard in this framework"}
    ]
    missing = client.post(
        url, json.dumps({"source": "document"}), content_type="application/json", **bearer(ian)
    )
    fields = {e["field"] for e in problem(missing)["errors"]}
    assert {"body.given.standard_id", "body.given.summary"} <= fields
    refused = client.post(
        url, json.dumps({**given, "summary": "x"}), content_type="application/json", **bearer(mona)
    )
    assert problem(refused)["status"] == 403
    assert client.get(url, **bearer(ian)).json()["count"] == 1


def test_a_caseload_is_checked_then_confirmed_all_or_nothing(client, alice, inspection):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjinspect.cases.models import Case
    from yjinspect.inspections import services as inspections
    from yjinspect.synthetic import caseload_csv

    inspections.advance_status(alice, inspection, "data_in_advance")
    url = f"/api/inspections/{inspection.pk}/caseload-imports/"
    text = caseload_csv(40, fieldwork=inspection.fieldwork_start, seed=3)
    lines = text.splitlines()
    header = lines[0].split(",")
    for number in (1, 2):  # two rows' risk of serious harm is not one of the values
        cells = lines[number].split(",")
        cells[header.index("rosh")] = "Mid"
        lines[number] = ",".join(cells)
    broken = "\n".join(lines) + "\n"
    refused = client.post(
        url, {"file": SimpleUploadedFile("c.csv", broken.encode())}, **bearer(alice)
    ).json()
    assert refused["state"] == "refused"
    assert refused["problems"][0]["column"] == "rosh" and refused["problems"][0]["count"] == 2
    assert refused["problems"][0]["rows"] == [2, 3]
    assert not Case.objects.exists()
    checked = client.post(
        url, {"file": SimpleUploadedFile("c.csv", text.encode())}, **bearer(alice)
    ).json()
    assert checked["state"] == "checked" and checked["rows_total"] == 40
    confirm = f"{url}{checked['id']}/confirm/"
    done = client.post(confirm, **bearer(alice)).json()
    assert done["state"] == "done" and Case.objects.count() == 40
    again = client.post(confirm, **bearer(alice))
    assert problem(again)["status"] == 422 and Case.objects.count() == 40


def test_an_assessor_saves_an_assessment_with_its_etag(client, ian, lara, sampled):
    from yjinspect.cases.models import SampledCase

    case = SampledCase.objects.filter(inspection=sampled, assessor=ian, population="court").first()
    url = f"/api/inspections/{sampled.pk}/cases/{case.pk}/assessments/2.1/first/"
    headers = bearer(ian)
    read = client.get(url, **headers)
    assert read.json()["state"] == "not_started"
    body = {
        "answers": {"2.1.1": {"value": "yes"}, "2.1.2": {"value": "no"}, "2.1.3": {"value": "na"}},
        "case_manager_present": True,
        "submit": True,
    }

    def put(**extra):
        return client.put(
            url, json.dumps(body), content_type="application/json", **headers, **extra
        )

    assert problem(put())["status"] == 428
    saved = put(HTTP_IF_MATCH=read["ETag"])
    assert saved.status_code == 200 and saved.json()["state"] == "submitted"
    assert problem(put(HTTP_IF_MATCH=read["ETag"]))["status"] == 412  # stale: nothing saved
    body["answers"]["2.1.1"]["value"] = "maybe"
    assert problem(put(HTTP_IF_MATCH="*"))["status"] == 422
    # Someone else's case is not theirs to assess.
    other = client.get(url, **bearer(lara))
    assert problem(other)["status"] == 403


def test_the_service_s_own_records_are_its_people_s(client, mona, ada, service):
    from datetime import UTC, datetime

    from yjinspect.interventions.models import Intervention, Referral
    from yjinspect.safeguarding.models import Notice

    case = service_case(service, "OWN-1", starts_on=date(2025, 1, 6))
    Notice.objects.create(
        case=case,
        kind="missing",
        from_agency="Police",
        occurred_at=datetime(2025, 3, 1, 22, tzinfo=UTC),
        received_at=datetime(2025, 3, 2, 9, tzinfo=UTC),
        summary="Found at a friend's",
        recorded_by=mona,
    )
    offered = Intervention.objects.create(
        service=service, name="Family support", need="family", provider="Council"
    )
    Referral.objects.create(
        intervention=offered,
        case=case,
        referred_on=date(2025, 2, 1),
        outcome="completed",
        recorded_by=mona,
    )
    base = f"/api/services/{service.pk}"
    notices = client.get(f"{base}/notices/", **bearer(mona)).json()["items"]
    assert notices[0]["case_ref"] == "OWN-1" and "summary" not in notices[0]
    register = client.get(f"{base}/interventions/", **bearer(mona)).json()["items"]
    assert register[0]["referrals"] == 1 and register[0]["completed"] == 1
    assert client.get(f"{base}/kpis/", **bearer(mona)).json()["count"] == 0
    for path in ("notices", "interventions", "kpis"):
        assert problem(client.get(f"{base}/{path}/", **bearer(ada)))["status"] == 403


def test_the_service_answers_an_alert_and_the_team_writes_findings(
    client, ian, alice, mona, sampled
):
    from yjinspect.alerts import services as alerts
    from yjinspect.cases.sampling import current_sample

    case = current_sample(sampled).first()
    raised = alerts.raise_alert(
        ian,
        sampled,
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="No safety plan.",
    )
    alerts.confirm(alice, raised, recipient=None, recipient_email="", version=raised.version)
    base = f"/api/inspections/{sampled.pk}/alerts/{raised.pk}"
    action = {
        "text": "Write the safety plan",
        "owner": "Team manager",
        "due": str(date.today() + timedelta(days=3)),
    }
    as_ian = client.post(
        f"{base}/actions/", json.dumps(action), content_type="application/json", **bearer(ian)
    )
    assert problem(as_ian)["status"] == 403
    made = client.post(
        f"{base}/actions/", json.dumps(action), content_type="application/json", **bearer(mona)
    )
    assert made.status_code == 201 and made.json()["number"] == 1
    etag = client.get(f"{base}/", **bearer(mona))["ETag"]
    plan = json.dumps({"summary": "Plans reviewed today."})
    sent = client.post(
        f"{base}/plan/", plan, content_type="application/json", HTTP_IF_MATCH=etag, **bearer(mona)
    )
    assert sent.status_code == 200 and sent.json()["state"] == "responded"
    again = client.post(
        f"{base}/plan/", plan, content_type="application/json", HTTP_IF_MATCH=etag, **bearer(mona)
    )
    assert problem(again)["status"] == 412
    finding = {"standard_id": "2.1", "kind": "strength", "text": "Assessments draw on others."}
    url = f"/api/inspections/{sampled.pk}/findings/"
    assert (
        client.post(
            url, json.dumps(finding), content_type="application/json", **bearer(ian)
        ).status_code
        == 201
    )
    wrong = client.post(
        url,
        json.dumps({**finding, "kind": "praise"}),
        content_type="application/json",
        **bearer(ian),
    )
    assert problem(wrong)["errors"][0]["field"] == "kind"
    assert (
        problem(
            client.post(url, json.dumps(finding), content_type="application/json", **bearer(mona))
        )["status"]
        == 403
    )


def test_the_lead_makes_recommendations_and_lists_victims(client, alice, ian, sampled, service):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjinspect.synthetic import victims_csv

    url = f"/api/inspections/{sampled.pk}/recommendations/"
    given = {"body": "board", "body_name": "The board", "text": "Use data.", "standards": ["1.1"]}
    made = client.post(url, json.dumps(given), content_type="application/json", **bearer(alice))
    assert made.status_code == 201 and made.json()["number"] == 1
    as_ian = client.post(url, json.dumps(given), content_type="application/json", **bearer(ian))
    assert problem(as_ian)["status"] == 403
    wrong = client.post(
        url,
        json.dumps({**given, "standards": []}),
        content_type="application/json",
        **bearer(alice),
    )
    assert problem(wrong)["errors"][0]["field"] == "standards"
    # A 2018 inspection has no victims list: refused with the reason, nothing kept.
    listed = client.post(
        f"/api/inspections/{sampled.pk}/victims/",
        {
            "file": SimpleUploadedFile(
                "v.csv", victims_csv(10, fieldwork=sampled.fieldwork_start, seed=1).encode()
            )
        },
        **bearer(alice),
    )
    assert problem(listed)["status"] in (409, 422)


def test_a_2025_victims_list_is_uploaded_all_or_nothing(client, alice, service):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjinspect.cases.victims import listed
    from yjinspect.inspections import services as inspections
    from yjinspect.synthetic import caseload_csv, victims_csv

    fieldwork = date(2025, 9, 8)
    made = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=fieldwork,
        fieldwork_end=date(2025, 9, 12),
    )
    inspections.advance_status(alice, made, "data_in_advance")
    headers = bearer(alice)
    checked = client.post(
        f"/api/inspections/{made.pk}/caseload-imports/",
        {
            "file": SimpleUploadedFile(
                "c.csv", caseload_csv(60, fieldwork=fieldwork, seed=3).encode()
            )
        },
        **headers,
    ).json()
    client.post(f"/api/inspections/{made.pk}/caseload-imports/{checked['id']}/confirm/", **headers)
    text = victims_csv(20, fieldwork=fieldwork, seed=3)
    url = f"/api/inspections/{made.pk}/victims/"
    done = client.post(url, {"file": SimpleUploadedFile("v.csv", text.encode())}, **headers)
    assert done.status_code == 200 and done.json() == {"victims": 20}
    broken = text.replace("individual", "a person called Smith", 1)
    refused = client.post(url, {"file": SimpleUploadedFile("v.csv", broken.encode())}, **headers)
    assert problem(refused)["status"] == 422
    assert listed(made).count() == 20  # the earlier list stands


def test_a_judgement_is_recorded_with_its_reasons_and_etag(client, alice, ian, mona, sampled):
    url = f"/api/inspections/{sampled.pk}/judgements/1.1/"
    headers = bearer(ian)
    read = client.get(url, **headers)
    assert read.json()["rating"] is None
    body = {"rating": "good", "reasons": "A clear plan the board follows."}

    def put(given, **extra):
        return client.put(
            url, json.dumps(given), content_type="application/json", **headers, **extra
        )

    assert problem(put(body))["status"] == 428
    saved = put(body, HTTP_IF_MATCH=read["ETag"])
    assert saved.status_code == 200 and saved.json()["rating"] == "good"
    assert problem(put(body, HTTP_IF_MATCH=read["ETag"]))["status"] == 412
    assert problem(put({**body, "rating": "superb"}, HTTP_IF_MATCH="*"))["status"] == 422
    assert problem(put({**body, "reasons": " "}, HTTP_IF_MATCH="*"))["status"] == 422
    assert (
        client.get(f"/api/inspections/{sampled.pk}/judgements/2.1/", **headers).status_code == 404
    )
    assert problem(client.get(url, **bearer(mona)))["status"] == 403
