"""`yjinspect demo` migrates, creates the sign-ins and prints the password."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from yjinspect.cli.main import main


@pytest.mark.django_db
def test_demo_prints_a_login_that_works(capsys, monkeypatch):
    monkeypatch.setenv("YJ_DEMO_PASSWORD", "a-demo-password")
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "with password: a-demo-password" in out
    assert "admin" in out
    assert authenticate(username="admin", password="a-demo-password") is not None


@pytest.mark.django_db
def test_demo_makes_a_fresh_random_password_when_none_is_set(capsys, monkeypatch):
    monkeypatch.delenv("YJ_DEMO_PASSWORD", raising=False)
    main(["demo"])
    first = capsys.readouterr().out.split("with password: ")[1].split()[0]
    assert len(first) >= 12
    assert authenticate(username="admin", password=first) is not None
