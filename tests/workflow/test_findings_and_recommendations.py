"""Findings per standard linked to evidence, domain summaries, the caseload profile, and
recommendations addressed to named bodies."""

from __future__ import annotations

from yjinspect.audit.models import AuditEvent
from yjinspect.fieldwork import services as fieldwork
from yjinspect.findings import services as findings
from yjinspect.findings.models import DomainSummary, Finding, Recommendation


def test_a_finding_is_written_against_a_standard_with_its_evidence(as_user, ian, alice, sampled):
    item = fieldwork.add_evidence(
        alice,
        sampled,
        "1.1",
        key_question_id="1.1.2",
        source="meeting_board",
        summary="Board minutes",
        consent=None,
    )
    client = as_user(ian)
    client.post(
        f"/inspections/{sampled.pk}/findings/standard/1.1/",
        {
            "kind": "improvement",
            "text": "Board members were unsure of their roles.",
            "key_questions": ["1.1.2"],
            "evidence": [item.pk],
        },
    )
    finding = Finding.objects.get()
    assert (finding.standard_id, finding.kind, finding.key_questions) == (
        "1.1",
        "improvement",
        ["1.1.2"],
    )
    assert list(finding.evidence.all()) == [item]
    page = client.get(f"/inspections/{sampled.pk}/findings/").content.decode()
    assert "Areas for improvement" in page and "Board members were unsure" in page
    assert "Evidence: 1.1.2; Meeting with the management board" in page


def test_a_finding_needs_text_and_keys_to_the_standards_own_questions(as_user, ian, sampled):
    page = (
        as_user(ian)
        .post(f"/inspections/{sampled.pk}/findings/standard/2.1/", {"kind": "strength", "text": ""})
        .content.decode()
    )
    assert "Enter the finding" in page
    page = (
        as_user(ian)
        .post(
            f"/inspections/{sampled.pk}/findings/standard/2.1/",
            {"kind": "strength", "text": "Good", "key_questions": ["1.1.1"]},
        )
        .content.decode()
    )
    assert "Select a valid choice" in page
    assert not Finding.objects.exists()


def test_the_caseload_profile_is_computed_from_the_caseload(as_user, ian, sampled):
    page = as_user(ian).get(f"/inspections/{sampled.pk}/findings/").content.decode()
    assert "From 300 cases in the caseload." in page
    assert "aged 15–17" in page and "% male" in page


def test_a_domain_summary_is_saved_and_shown(as_user, ian, sampled):
    client = as_user(ian)
    client.post(
        f"/inspections/{sampled.pk}/findings/domain/2/",
        {"text": "Court work was good.", "version": 0},
    )
    assert DomainSummary.objects.get().text == "Court work was good."
    assert (
        "Court work was good."
        in client.get(f"/inspections/{sampled.pk}/findings/").content.decode()
    )


def test_recommendations_are_addressed_numbered_and_renumbered(as_user, alice, sampled):
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/recommendations/"
    for body, text in (
        ("board", "Set a clear vision"),
        ("police", "Share missing episodes"),
        ("other", "Fund the health post"),
    ):
        client.post(
            url,
            {
                "body": body,
                "body_name": {
                    "board": "Cwm Afon Management Board",
                    "police": "Heddlu Cwm Afon",
                }.get(body, "Cwm Afon Health Board"),
                "text": text,
                "standards": ["1.1", "1.3"],
            },
        )
    assert list(Recommendation.objects.values_list("number", "body")) == [
        (1, "board"),
        (2, "police"),
        (3, "other"),
    ]
    page = client.get(url).content.decode()
    assert "Cwm Afon Health Board" in page and "Follows from: 1.1, 1.3" in page
    client.post(url, {"remove": Recommendation.objects.get(number=2).pk})
    assert list(Recommendation.objects.values_list("number", "text")) == [
        (1, "Set a clear vision"),
        (2, "Fund the health post"),
    ]
    assert AuditEvent.objects.filter(action="recommendation.removed").exists()


def test_every_body_must_be_named_and_only_the_lead_recommends(as_user, alice, ian, sampled):
    url = f"/inspections/{sampled.pk}/recommendations/"
    page = as_user(alice).post(url, {"body": "police", "text": "x", "standards": ["1.1"]})
    assert "Name the body the recommendation is addressed to" in page.content.decode()
    response = as_user(ian).post(
        url, {"body": "board", "body_name": "Board", "text": "x", "standards": ["1.1"]}
    )
    assert response.status_code == 403
    assert not Recommendation.objects.exists()


def test_the_named_body_is_offered_from_the_board_and_partner_organisations(
    as_user, alice, sampled
):
    from yjinspect.services.models import BoardMember, PartnerContact

    BoardMember.objects.create(
        service=sampled.service, name="A", board_role="Member", organisation="Aneurin Bevan UHB"
    )
    PartnerContact.objects.create(
        service=sampled.service,
        name="B",
        role="DI",
        organisation="Gwent Police",
        email="b@x.example",
    )
    page = as_user(alice).get(f"/inspections/{sampled.pk}/recommendations/").content.decode()
    datalist = page[page.index('<datalist id="organisations">') :]
    assert '<option value="Aneurin Bevan UHB">' in datalist
    assert '<option value="Gwent Police">' in datalist
    assert 'list="organisations"' in page


def test_a_recommendation_is_changed_in_both_languages_and_reordered(as_user, alice, sampled):
    client = as_user(alice)
    for body_name in ("Board", "Police"):
        findings.add_recommendation(
            alice,
            sampled,
            body="board",
            body_name=body_name,
            text=f"For {body_name}",
            standards=["1.1"],
        )
    first = Recommendation.objects.get(number=1)
    url = f"/inspections/{sampled.pk}/recommendations/{first.pk}/change/"
    page = client.get(url).content.decode()
    assert "For Board" in page and "Change recommendation 1" in page
    client.post(
        url,
        {
            "body": "police",
            "body_name": "South Wales Police",
            "text": "Share data",
            "text_cy": "Rhannu data",
            "standards": ["1.1", "2.1"],
            "version": 0,
        },
    )
    first.refresh_from_db()
    assert (first.body_name, first.text_cy, first.standards) == (
        "South Wales Police",
        "Rhannu data",
        ["1.1", "2.1"],
    )
    stale = client.post(
        url,
        {"body": "police", "body_name": "X", "text": "Y", "standards": ["1.1"], "version": 0},
    ).content.decode()
    assert "Someone else saved this" in stale
    client.post(f"/inspections/{sampled.pk}/recommendations/", {"move": first.pk, "up": "0"})
    assert list(Recommendation.objects.values_list("number", "body_name")) == [
        (1, "Police"),
        (2, "South Wales Police"),
    ]
    page = client.post(
        f"/inspections/{sampled.pk}/recommendations/", {"move": first.pk, "up": "0"}, follow=True
    ).content.decode()
    assert "It is already last" in page
    changed = AuditEvent.objects.get(action="recommendation.changed").details
    assert changed["before"]["body_name"] == "Board"


def test_a_finding_is_changed_and_moved_among_its_standards_findings(as_user, alice, ian, sampled):
    client = as_user(alice)
    made = [
        findings.add_finding(
            ian, sampled, "1.1", kind="strength", text=text, key_questions=[], evidence=[]
        )
        for text in ("First", "Second")
    ]
    url = f"/inspections/{sampled.pk}/findings/{made[1].pk}/change/"
    client.post(url, {"text": "Second, clearer", "text_cy": "Ail", "version": 0})
    made[1].refresh_from_db()
    assert (made[1].text, made[1].text_cy) == ("Second, clearer", "Ail")
    client.post(f"/inspections/{sampled.pk}/findings/", {"move": made[1].pk, "up": "1"})
    page = client.get(f"/inspections/{sampled.pk}/findings/").content.decode()
    assert page.index("Second, clearer") < page.index("First")
