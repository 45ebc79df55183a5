"""Where the framework's overall rating is the team's judgement (2025), the lead records it
with reasons on the ratings page; the ratings cannot be signed off without it, and the
sign-off freezes it."""

from __future__ import annotations

from datetime import date

import pytest

from yjinspect.inspections import services as inspections
from yjinspect.ratings.models import SignOff

from ..conftest import at_stage


@pytest.fixture
def inspection_2025(service, alice):
    created = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=date(2025, 9, 8),
        fieldwork_end=date(2025, 9, 12),
    )
    return at_stage(created, "rated")


def record(client, url, rating, reasons, version=0):
    return client.post(
        url,
        {
            "action": "overall",
            "overall-rating": rating,
            "overall-reasons": reasons,
            "overall-version": version,
        },
    )


def test_the_overall_is_recorded_with_reasons_and_frozen_by_the_sign_off(
    inspection_2025, as_user, alice
):
    client = as_user(alice)
    url = f"/inspections/{inspection_2025.pk}/ratings/"
    page = client.get(url).content.decode()
    assert "No overall rating yet" in page
    assert "Record the overall rating and the reasons for it." in page
    assert 'value="sign_off"' not in page  # nothing to press until it is recorded

    page = record(client, url, "good", "").content.decode()
    assert "Enter the reasons for the rating" in page
    assert (
        record(client, url, "good", "Strong delivery; victims work improving.").status_code == 302
    )
    page = client.get(url).content.decode()
    assert "overall rating recorded by the team: Strong delivery; victims work improving." in page

    client.post(url, {"action": "sign_off"})
    signed = SignOff.objects.get(inspection=inspection_2025)
    assert signed.snapshot["overall"] == "good"
    assert signed.snapshot["ratings"]["cy"]["overall_title"] == "Da"

    # Changing it afterwards re-opens the sign-off: what is published is what was signed.
    record(client, url, "outstanding", "On reflection, outstanding.", version=1)
    assert "Sign-off re-opened" in client.get(url).content.decode()


def test_a_framework_with_a_scored_overall_takes_no_recorded_one(inspection, alice):
    from django.core.exceptions import ValidationError

    from yjinspect.ratings import services as ratings

    at_stage(inspection, "rated")
    with pytest.raises(ValidationError, match="follows from the standards"):
        ratings.record_overall(alice, inspection, "good", "Because.")
