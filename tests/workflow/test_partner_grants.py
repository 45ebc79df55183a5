"""A partner inspector assesses their own cases and adds evidence; the lead grants more, per
inspection, on the team page (audited), and only the granted pages and actions open."""

from __future__ import annotations

from datetime import date

import pytest

from yjinspect.audit.models import AuditEvent
from yjinspect.fieldwork import services as fieldwork
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import TeamMember

from ..conftest import _person


@pytest.fixture
def pat(sampled, alice):
    person = _person("pat", "partner_inspector")
    inspections.assign_team_member(alice, sampled, person, "partner_inspector")
    return person


def test_the_lead_grants_a_partner_the_ratings_and_nothing_else(sampled, alice, ian, pat, client):
    consent = fieldwork.record_consent(ian, sampled, "C-001", "child", date(2024, 5, 14))
    ratings = f"/inspections/{sampled.pk}/ratings/"
    client.force_login(pat)
    assert client.get(ratings).status_code == 403
    nav = client.get(f"/inspections/{sampled.pk}/").content.decode()
    assert ">Ratings<" not in nav and ">Cases<" in nav
    member = TeamMember.objects.get(inspection=sampled, user=pat)
    client.force_login(alice)
    team_page = client.get(f"/inspections/{sampled.pk}/team/").content.decode()
    assert "What pat may do beyond assessing their own cases" in team_page
    client.post(
        f"/inspections/{sampled.pk}/team/",
        {"grants": member.pk, f"grants-{member.pk}": ["ratings"]},
    )
    event = AuditEvent.objects.get(action="team.granted")
    assert (event.details["before"], event.details["after"]) == ([], ["ratings"])
    client.force_login(pat)
    assert client.get(ratings).status_code == 200
    assert ">Ratings<" in client.get(f"/inspections/{sampled.pk}/").content.decode()
    # Withdrawing a consent (which deletes evidence) was not granted.
    refused = client.post(f"/inspections/{sampled.pk}/consents/", {"withdraw": consent.pk})
    assert refused.status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_grants_are_for_partners_and_only_the_known_ones(sampled, alice, ian, pat):
    from django.core.exceptions import ValidationError

    ian_member = TeamMember.objects.get(inspection=sampled, user=ian)
    with pytest.raises(ValidationError, match="Only a partner inspector"):
        inspections.set_grants(alice, sampled, ian_member.pk, ["ratings"])
    pat_member = TeamMember.objects.get(inspection=sampled, user=pat)
    with pytest.raises(ValidationError, match="No such permission: everything"):
        inspections.set_grants(alice, sampled, pat_member.pk, ["everything"])
