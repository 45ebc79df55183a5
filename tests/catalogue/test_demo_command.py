"""`yjinspect demo` migrates, creates the sign-ins and prints the password."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from yjinspect.cli.main import main


@pytest.mark.django_db
def test_demo_prints_a_login_that_works(capsys, monkeypatch, client, settings):
    settings.YJ_TWO_FACTOR = True
    monkeypatch.setenv("YJ_DEMO_PASSWORD", "a-demo-password")
    monkeypatch.delenv("YJ_DEMO_TOTP_SECRET", raising=False)
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "with password: a-demo-password" in out
    assert "admin" in out
    key = out.split("Two-factor key (add it to an authenticator app): ")[1].split()[0]
    assert main(["totp", key]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    # The printed sign-in and the printed key's code let the lead in.
    client.post("/sign-in/", {"username": "lead", "password": "a-demo-password"})
    assert client.post("/sign-in/code/", {"code": code}).status_code == 302
    assert client.get("/inspections/").status_code == 200


@pytest.mark.django_db
def test_a_demo_key_that_is_not_base32_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("YJ_DEMO_TOTP_SECRET", "not a key!")
    assert main(["demo"]) == 2
    assert "YJ_DEMO_TOTP_SECRET: The two-factor secret is not valid base32" in (
        capsys.readouterr().err
    )


@pytest.mark.django_db
def test_demo_makes_a_fresh_random_password_when_none_is_set(capsys, monkeypatch):
    monkeypatch.delenv("YJ_DEMO_PASSWORD", raising=False)
    main(["demo"])
    first = capsys.readouterr().out.split("with password: ")[1].split()[0]
    assert len(first) >= 12
    assert authenticate(RequestFactory().post("/sign-in/"), username="admin", password=first)


@pytest.mark.django_db
def test_demo_national_loads_a_synthetic_picture_once_per_seed(capsys):
    from yjinspect.national.models import PublishedInspection
    from yjinspect.services.models import YouthJusticeService

    assert main(["demo", "national", "--services", "4", "--years", "10", "--seed", "9"]) == 0
    out = capsys.readouterr().out
    assert "National dataset loaded" in out and "key-question answers" in out
    frameworks = set(PublishedInspection.objects.values_list("framework_id", flat=True))
    assert {"hmip-fji-2012", "hmip-yjs-2018", "hmip-yjs-2021", "hmip-yjs-2025"} <= frameworks
    assert all(s.name.startswith("Synthetic ") for s in YouthJusticeService.objects.all())
    assert main(["demo", "national", "--services", "4", "--years", "10", "--seed", "9"]) == 2
    assert "already loaded" in capsys.readouterr().err
    assert main(["demo", "national", "--services", "0"]) == 2
    assert "--services must be 1 to 2000" in capsys.readouterr().err
