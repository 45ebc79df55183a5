"""Deployment hardening a person (or an attacker) would notice: the Content-Security-Policy,
HTTPS settings, the secret key, passwords, session limits and upload sizes."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_every_page_carries_a_csp_without_inline_script_or_style(client, alice, inspection):
    client.force_login(alice)
    for url in ["/", f"/inspections/{inspection.pk}/", f"/inspections/{inspection.pk}/ratings/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_carries_inline_script_or_style():
    from pathlib import Path

    import yjinspect

    templates = Path(yjinspect.__file__).parent / "templates"
    # The report and the board pack are self-contained documents (archived or made into a
    # PDF): each <style> travels with its document and its page allows that block by hash.
    self_contained = {"reports/report.html", "boardpack/pack.html"}
    offenders = [
        name
        for path in templates.rglob("*.html")
        for name, text in [(str(path.relative_to(templates)), path.read_text())]
        if " style=" in text
        or "<script>" in text
        or " onclick=" in text
        or ("<style" in text and name not in self_contained)
    ]
    assert offenders == []


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Production's environment: none of ours, and not the browser tests' async switch.
    base = {k: v for k, v in os.environ.items() if not k.startswith(("YJ_", "DJANGO_ALLOW_ASYNC"))}
    return subprocess.run(
        [sys.executable, "-m", "yjinspect.cli", "manage", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    checked = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        YJ_HTTPS="1",
        YJ_SECRET_KEY=secrets.token_urlsafe(50),
        YJ_ALLOWED_HOSTS="inspect.example.org",
        YJ_DATA_DIR=str(tmp_path),
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_without_https_check_deploy_names_what_is_missing(tmp_path):
    checked = _manage(
        "check",
        "--deploy",
        YJ_SECRET_KEY=secrets.token_urlsafe(50),
        YJ_DATA_DIR=str(tmp_path),
    )
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in checked.stdout + checked.stderr


def test_outside_debug_a_missing_secret_key_stops_the_product(tmp_path):
    refused = _manage("check", YJ_DATA_DIR=str(tmp_path))
    assert refused.returncode != 0
    assert "Set YJ_SECRET_KEY" in refused.stderr
    assert not (tmp_path / "secret_key").exists()  # no key made up per server


@pytest.mark.parametrize("password", ["73920461", "password123", "short1!"])
def test_weak_passwords_are_refused(password, alice):
    with pytest.raises(ValidationError):
        validate_password(password, alice)


def test_a_session_ends_after_idle_time(client, alice, settings):
    settings.SESSION_COOKIE_AGE = 1
    client.force_login(alice)
    assert client.get("/inspections/").status_code == 200
    time.sleep(2.1)
    answer = client.get("/inspections/")
    assert answer.status_code == 302 and answer["Location"].startswith("/sign-in/")


def test_a_session_ends_after_its_absolute_lifetime_however_busy(client, alice, settings):
    client.force_login(alice)
    assert client.get("/inspections/").status_code == 200
    session = client.session
    session["yj_signed_in_at"] = time.time() - settings.YJ_SESSION_SECONDS - 1
    session.save()
    answer = client.get("/inspections/", follow=True)
    assert answer.redirect_chain[0][0].startswith("/sign-in/")
    assert "you were signed out" in answer.content.decode()
    assert not answer.wsgi_request.user.is_authenticated


def test_an_upload_over_the_limit_is_refused_with_its_size(sampled, alice, client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjinspect.cases.models import CaseloadImport

    settings.YJ_MAX_UPLOAD_BYTES = 100 * 1024
    client.force_login(alice)
    before = CaseloadImport.objects.count()
    page = client.post(
        f"/inspections/{sampled.pk}/caseload/",
        {"file": SimpleUploadedFile("big.csv", b"x" * 300 * 1024, content_type="text/csv")},
    )
    assert "The file is 0.3 MB: the largest accepted is 0.1 MB" in page.content.decode()
    assert CaseloadImport.objects.count() == before
