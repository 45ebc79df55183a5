"""Accounts as a person meets them: two-factor sign-in (codes computed here as an app would),
recovery codes, lockout after repeated failures, password change and reset by e-mail, and an
audit of every sign-in, failure and sign-out."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail

from yjinspect.accounts import two_factor
from yjinspect.audit.models import AuditEvent

from ..conftest import _person, totp_code


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.YJ_TWO_FACTOR = True


def sign_in(client, username: str, password: str | None = None):
    return client.post(
        "/sign-in/",
        {"username": username, "password": password or "pass-" + username},
        follow=True,
    )


def test_an_inspector_sets_up_an_app_on_first_sign_in_and_gets_recovery_codes(client, alice):
    page = sign_in(client, "alice")
    assert page.redirect_chain[-1][0].startswith("/account/two-factor/")
    html = page.content.decode()
    assert "Set up two-factor sign-in" in html and 'src="data:image/svg+xml' in html
    secret = re.search(r'<code class="govuk-body yj-secret">([A-Z2-7]+)</code>', html).group(1)
    # Nothing else opens before the second step is set up.
    assert client.get("/inspections/").status_code == 302
    wrong = client.post("/account/two-factor/", {"code": "000000"})
    assert "The code is not right" in wrong.content.decode()
    done = client.post("/account/two-factor/", {"code": two_factor.code_now(secret)})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert "Two-factor sign-in is on" in done.content.decode() and len(codes) == 10
    assert client.get("/inspections/").status_code == 200
    assert AuditEvent.objects.filter(action="account.two_factor_set_up", actor="alice").exists()


def test_signing_in_needs_the_apps_code_and_a_recovery_code_works_once(client, alice):
    two_factor.give_demo_device(alice, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    codes = two_factor.new_recovery_codes(alice)
    page = sign_in(client, "alice")
    assert page.redirect_chain[-1][0].startswith("/sign-in/code/")
    assert client.get("/inspections/").status_code == 302
    refused = client.post("/sign-in/code/", {"code": "123456"})
    assert "The code is not right" in refused.content.decode()
    # Each wrong code makes the next try wait longer (a guesser gets nowhere).
    too_soon = client.post("/sign-in/code/", {"code": totp_code(alice)})
    assert "Too many wrong codes: wait 1 second," in too_soon.content.decode()
    time.sleep(1.1)
    assert client.post("/sign-in/code/", {"code": totp_code(alice)}).status_code == 302
    assert client.get("/inspections/").status_code == 200
    # Another day, the phone is lost: a recovery code signs in, once.
    for attempt, expected_in in [(1, True), (2, False)]:
        client.logout()
        sign_in(client, "alice")
        client.post("/sign-in/code/", {"code": codes[0]})
        assert (client.get("/inspections/").status_code == 200) is expected_in, attempt
    assert AuditEvent.objects.filter(action="account.second_factor_failed").count() >= 2


def test_the_admin_site_needs_the_second_step_too(client, ada):
    ada.is_staff = ada.is_superuser = True
    ada.save()
    two_factor.give_demo_device(ada, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    sign_in(client, "ada")
    answer = client.get("/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/sign-in/code/")


def test_the_services_people_may_sign_in_without_an_app(client, mona):
    page = sign_in(client, "mona")
    assert page.redirect_chain[-1][0] == "/inspections/"


def test_repeated_wrong_passwords_lock_the_account_from_that_address(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        page = sign_in(client, "alice", "wrong-password")
        assert "Enter a correct user name and password" in page.content.decode()
    assert sign_in(client, "alice", "wrong-password").status_code == 429
    locked = sign_in(client, "alice")  # even the right password, for now
    assert locked.status_code == 429
    assert "Sign-in is locked" in locked.content.decode()
    assert not locked.wsgi_request.user.is_authenticated
    failed = AuditEvent.objects.filter(action="account.sign_in_failed")
    assert failed.count() >= settings.AXES_FAILURE_LIMIT
    assert failed.first().details["username"] == "alice"


def test_sign_in_and_out_are_audited(client, mona):
    sign_in(client, "mona")
    client.post("/sign-out/")
    actions = list(
        AuditEvent.objects.filter(actor="mona").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["account.signed_in", "account.signed_out"]


def test_a_password_change_refuses_weak_passwords(client, mona):
    client.force_login(mona)
    weak = client.post(
        "/account/password/",
        {"old_password": "pass-mona", "new_password1": "73920461", "new_password2": "73920461"},
    )
    assert "This password is entirely numeric" in weak.content.decode()
    strong = "kettle-harbour-violet-42"
    client.post(
        "/account/password/",
        {"old_password": "pass-mona", "new_password1": strong, "new_password2": strong},
    )
    mona.refresh_from_db()
    assert mona.check_password(strong)
    assert AuditEvent.objects.filter(action="account.password_changed", actor="mona").exists()


def test_a_forgotten_password_is_reset_through_an_emailed_link(client, mona):
    mona.email = "mona@cwmafon.example"
    mona.save()
    client.post("/password-reset/", {"email": "nobody@example.org"})
    assert mail.outbox == []  # and the page says the same either way
    sent = client.post("/password-reset/", {"email": "mona@cwmafon.example"}, follow=True)
    assert "Check your e-mail" in sent.content.decode()
    link = re.search(r"https?://\S+/password-reset/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    new = "lantern-orchard-spruce-7"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    mona.refresh_from_db()
    assert mona.check_password(new)
    assert client.get(link, follow=True).content.decode().count("has been used or has expired")


def test_a_demo_account_signs_in_with_the_printed_secret(client, db):
    person = _person("demo-lead", "lead_inspector")
    two_factor.give_demo_device(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    sign_in(client, "demo-lead")
    client.post("/sign-in/code/", {"code": two_factor.code_now("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")})
    assert client.get("/inspections/").status_code == 200
