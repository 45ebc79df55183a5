"""The audit trail can be proved: every event is chained to the one before by its hash, and an
edit or deletion made behind the product's back (in SQL) is found and named."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from yjinspect.audit.models import AuditEvent
from yjinspect.cli.main import main
from yjinspect.inspections import services as inspections

from ..conftest import _person


@pytest.fixture
def trail(inspection, alice, charlie):
    """An inspection's first events: created, two people added, one removed."""
    inspections.assign_team_member(alice, inspection, charlie, "inspector")
    member = inspection.team.get(user=charlie)
    inspections.remove_team_member(alice, inspection, member.pk)
    return list(AuditEvent.objects.order_by("id"))


def sql(statement: str, *params: object) -> None:
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=table), params)


def verify(capsys) -> tuple[int, str]:
    code = main(["audit", "verify"])
    return code, capsys.readouterr().out


def test_a_whole_trail_verifies(trail, capsys):
    code, out = verify(capsys)
    assert code == 0
    assert f"{len(trail)} events checked" in out


def test_an_edited_event_is_named(trail, capsys):
    target = trail[2]
    sql("UPDATE {table} SET details = %s WHERE id = %s", '{"role": "lead_inspector"}', target.pk)
    code, out = verify(capsys)
    assert code == 1
    assert f"broken at event {target.pk}: its content was changed" in out
    assert "The 2 events before it check out" in out


def test_a_changed_actor_or_time_is_named_too(trail, capsys):
    target = trail[1]
    sql("UPDATE {table} SET actor = %s WHERE id = %s", "somebody-else", target.pk)
    code, out = verify(capsys)
    assert code == 1 and f"broken at event {target.pk}" in out


def test_a_deleted_event_is_found_at_the_next_one(trail, capsys):
    sql("DELETE FROM {table} WHERE id = %s", trail[1].pk)
    code, out = verify(capsys)
    assert code == 1
    assert f"broken at event {trail[2].pk}: the event before it was removed" in out


def test_deleting_the_latest_events_is_found(trail, capsys):
    sql("DELETE FROM {table} WHERE id >= %s", trail[-2].pk)
    code, out = verify(capsys)
    assert code == 1
    assert "broken at its end: the latest events were removed" in out


def test_the_actor_survives_the_account(db, inspection, alice):
    gone = _person("gone", "lead_inspector")
    inspections.assign_team_member(alice, inspection, gone, "lead_inspector")
    inspections.remove_team_member(gone, inspection, inspection.team.get(user=alice).pk)
    inspection.team.filter(user=gone).delete()
    get_user_model().objects.filter(pk=gone.pk).delete()
    event = AuditEvent.objects.get(action="team.removed")
    assert event.user is None
    assert event.actor == "gone"
    assert main(["audit", "verify"]) == 0  # removing an account does not break the chain


def test_a_change_records_the_values_before_and_after(sampled, ian):
    from yjinspect.findings import services as findings

    first = findings.save_summary(ian, sampled, "1", "Leadership is weak.", 0)
    findings.save_summary(ian, sampled, "1", "Leadership is improving.", first.version)
    events = AuditEvent.objects.filter(action="domain_summary.saved").order_by("id")
    assert events[0].details["before"] == {} and events[0].details["after"]["text"] == (
        "Leadership is weak."
    )
    assert events[1].details["before"] == {"text": "Leadership is weak."}
    assert events[1].details["after"] == {"text": "Leadership is improving."}
