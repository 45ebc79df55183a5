"""The framework pages: what a visitor sees, in English and Welsh."""

from __future__ import annotations

import pytest
from django.conf import settings

from yjinspect.catalogue.demo import load_demo


def welsh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def test_home_lists_every_framework_and_its_standards(client):
    page = client.get("/").content.decode()
    for title in (
        "Full joint inspection of youth offending work (2012–2017)",
        "Youth offending services inspection standards (2018)",
        "Youth justice services inspection standards (2021)",
        "Youth justice services inspection framework (2025)",
    ):
        assert title in page
    assert "Governance and leadership" in page
    assert "Resettlement policy and provision" in page
    assert "Overall rating from a score out of 36." in page
    assert '<a href="#main-content" class="govuk-skip-link"' in page
    assert 'id="main-content"' in page


def test_a_framework_page_shows_key_questions_prompts_and_the_rules(client):
    page = client.get("/frameworks/hmip-yjs-2018/").content.decode()
    assert "Does assessment sufficiently analyse how to keep other people safe?" in page
    assert "Does it analyse the key structural barriers facing the child?" in page
    assert "Outstanding: 80% or more" in page
    assert "Good: score 19 to 30" in page


def test_an_unknown_framework_is_not_found(client):
    assert client.get("/frameworks/hmip-yjs-1999/").status_code == 404


def test_the_pages_come_in_welsh(client):
    page = welsh(client).get("/").content.decode()
    assert '<html lang="cy"' in page
    assert "Fframweithiau arolygu" in page
    assert "Llywodraethu ac arweinyddiaeth" in page
    assert "Neidio i'r prif gynnwys" in page or "Neidio i&#39;r prif gynnwys" in page
    detail = welsh(client).get("/frameworks/hmip-yjs-2018/").content.decode()
    assert "Rhagorol: 80% neu fwy" in detail


def test_the_language_switch_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert response.status_code == 302
    assert "Fframweithiau arolygu" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_demo_user_can_sign_in_and_out(client):
    load_demo("correct-horse-battery")
    bad = client.post("/sign-in/", {"username": "admin", "password": "wrong"})
    assert "Enter a correct user name and password." in bad.content.decode()
    response = client.post("/sign-in/", {"username": "admin", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert "Signed in as admin" in client.get("/").content.decode()
    client.post("/sign-out/")
    assert "Signed in as" not in client.get("/").content.decode()


def test_the_health_check_answers_without_a_session(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_a_form_sent_without_its_token_gets_our_page_not_djangos(db):
    from django.test import Client

    page = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "x"})
    assert page.status_code == 403
    text = page.content.decode()
    assert "The form has expired" in text and "Nothing was saved" in text
    assert "djangoproject" not in text
