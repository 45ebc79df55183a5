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
