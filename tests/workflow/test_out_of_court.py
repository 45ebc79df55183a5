"""The out-of-court decision panel as the service records it: who was there, what the panel
had, what it decided and why; flagged when it was not multi-agency or short of information,
as the policy defines both."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yjinspect.engine.policy import service_policy
from yjinspect.outofcourt import services as outofcourt
from yjinspect.outofcourt.models import Panel, PanelDecision

from ..conftest import service_case

TODAY = date.today()


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def child(service):
    return service_case(
        service,
        "OOC-1",
        disposal="out_of_court",
        disposal_type="youth caution",
        sex="female",
        age=14,
        safety_wellbeing="medium",
        starts_on=TODAY - timedelta(days=20),
    )


def test_a_panel_of_the_service_and_police_alone_is_flagged_not_multi_agency(client, mona, service):
    client.force_login(mona)
    url = reverse("outofcourt:panels", args=[service.pk])
    response = client.post(
        url,
        {
            "held_on": (TODAY - timedelta(days=2)).strftime("%d/%m/%Y"),
            "agencies": ["yjs", "police"],
        },
    )
    panel = Panel.objects.get()
    assert response.url == reverse("outofcourt:panel", args=[service.pk, panel.pk])
    assert "Not multi-agency: only Youth justice service, Police" in text(client.get(url))
    outofcourt.record_panel(mona, service, held_on=TODAY, agencies=["yjs", "police", "health"])
    assert text(client.get(url)).count("Not multi-agency") == 1


def test_the_police_missing_makes_a_panel_not_multi_agency_however_many_come(mona, service):
    policy = service_policy().out_of_court
    panel = outofcourt.record_panel(
        mona, service, held_on=TODAY, agencies=["yjs", "health", "education", "social_care"]
    )
    assert [f.kind for f in outofcourt.panel_flags(panel, policy)] == ["not_multi_agency"]


def test_a_decision_short_of_information_names_what_the_panel_lacked(client, mona, service, child):
    panel = outofcourt.record_panel(
        mona, service, held_on=TODAY, agencies=["yjs", "police", "health"]
    )
    everything_but = [
        i.id for i in service_policy().out_of_court.information if i.id != "victim_views"
    ]
    client.force_login(mona)
    url = reverse("outofcourt:panel", args=[service.pk, panel.pk])
    client.post(
        url,
        {
            "case_ref": "OOC-1",
            "information": everything_but,
            "outcome": "youth_caution",
            "reason": "Admitted; first offence.",
        },
    )
    decision = PanelDecision.objects.get()
    assert decision.outcome == "youth_caution" and decision.case == child
    page = text(client.get(url))
    assert "Decided without: The victim's views" in page
    assert "Youth caution" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": ""}, "Give the reason for the decision"),
        ({"outcome": "prison"}, "Choose the outcome"),
        ({"information": ["gossip"]}, "Choose information from the list"),
        ({"case_ref": "NOPE"}, "No case of this service has the reference NOPE"),
    ],
)
def test_a_wrong_decision_is_refused_naming_the_field(
    client, mona, service, child, change, message
):
    panel = outofcourt.record_panel(
        mona, service, held_on=TODAY, agencies=["yjs", "police", "health"]
    )
    client.force_login(mona)
    data = {
        "case_ref": "OOC-1",
        "information": ["offence"],
        "outcome": "youth_caution",
        "reason": "R",
        **change,
    }
    response = client.post(reverse("outofcourt:panel", args=[service.pk, panel.pk]), data)
    assert message in text(response)
    assert not PanelDecision.objects.exists()


def test_one_decision_per_case_at_a_panel(mona, service, child):
    panel = outofcourt.record_panel(
        mona, service, held_on=TODAY, agencies=["yjs", "police", "health"]
    )
    values = {"case": child, "information": [], "outcome": "youth_caution", "reason": "R"}
    outofcourt.record_decision(mona, panel, **values)
    with pytest.raises(ValidationError, match="already decided on that case"):
        outofcourt.record_decision(mona, panel, **values)


def test_the_board_pack_counts_the_quarters_panels(mona, service, child):
    from yjinspect.boardpack import pack
    from yjinspect.quarters import Quarter

    day = date(2025, 8, 6)
    single = outofcourt.record_panel(mona, service, held_on=day, agencies=["yjs", "police"])
    outofcourt.record_panel(
        mona, service, held_on=day + timedelta(days=14), agencies=["yjs", "police", "health"]
    )
    outofcourt.record_decision(
        mona,
        single,
        case=child,
        information=["offence"],
        outcome="community_resolution",
        reason="R",
    )
    summary = pack.build(service, Quarter(2025, 3), "en").out_of_court
    assert (
        summary.panels,
        summary.multi_agency,
        summary.decisions,
        summary.short_of_information,
    ) == (2, 1, 1, 1)
    assert summary.outcomes == [("Community resolution", 1)]
