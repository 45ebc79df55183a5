"""The inspectorate admin manages people and roles in the admin site; the audit is read-only."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yjinspect.accounts.models import Profile


def test_an_admin_creates_a_person_with_a_role(client, db):
    admin = get_user_model().objects.create_superuser("root", password="pass-root")
    client.force_login(admin)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newlead",
            "password1": "a-long-pass-phrase-1",
            "password2": "a-long-pass-phrase-1",
            "usable_password": "true",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-role": "lead_inspector",
            "profile-0-language": "en-gb",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Profile.objects.get(user__username="newlead").role == "lead_inspector"
    listing = client.get("/admin/auth/user/").content.decode()
    assert "Lead inspector" in listing


def test_the_audit_trail_cannot_be_edited(client, db, ian, inspection):
    admin = get_user_model().objects.create_superuser("root", password="pass-root")
    client.force_login(admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403


def test_changes_in_the_admin_site_are_audited_with_before_and_after(client, db, ian):
    from yjinspect.audit.chain import verify
    from yjinspect.audit.models import AuditEvent

    admin = get_user_model().objects.create_superuser("root", password="pass-root")
    client.force_login(admin)
    profile = ian.profile
    form = client.get(f"/admin/auth/user/{ian.pk}/change/")
    assert form.status_code == 200
    response = client.post(
        f"/admin/auth/user/{ian.pk}/change/",
        {
            "username": "ian",
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "09:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": str(profile.pk),
            "profile-0-user": str(ian.pk),
            "profile-0-role": "lead_inspector",
            "profile-0-language": "en-gb",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    changed = AuditEvent.objects.get(action="admin.changed", object_type="accounts.profile")
    assert changed.actor == "root"
    assert changed.details["before"] == {"role": "inspector"}
    assert changed.details["after"] == {"role": "lead_inspector"}
    # Removing the person is audited with what was there; the chain stays whole.
    client.post(f"/admin/auth/user/{ian.pk}/delete/", {"post": "yes"})
    deleted = AuditEvent.objects.get(action="admin.deleted", object_type="auth.user")
    assert deleted.details["before"]["username"] == "ian"
    assert deleted.details["before"]["password"] == "(secret)"
    assert verify()[1] is None
