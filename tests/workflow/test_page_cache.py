"""Pages are cached per person and never outlive a change to what they show."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from yjinspect.cases.models import SampledCase
from yjinspect.ratings import services as ratings


@pytest.fixture(autouse=True)
def _empty_page_cache():
    caches["pages"].clear()


def ratings_url(inspection):
    return f"/inspections/{inspection.pk}/ratings/"


def test_a_second_visit_is_served_from_the_cache(
    sampled, as_user, alice, django_assert_max_num_queries
):
    client = as_user(alice)
    client.get(ratings_url(sampled))  # sets the CSRF cookie
    first = client.get(ratings_url(sampled))
    with django_assert_max_num_queries(5):  # session, user, role, inspection: no rating work
        again = client.get(ratings_url(sampled))
    assert again.content == first.content
    assert "private" in again["Cache-Control"]


def test_any_audited_change_shows_at_once(sampled, as_user, alice):
    client = as_user(alice)
    client.get(ratings_url(sampled))
    assert "rating recorded by the team" not in client.get(ratings_url(sampled)).content.decode()
    ratings.record_judgement(alice, sampled, "1.1", "good", "Clear vision")  # not via this page
    assert "rating recorded by the team" in client.get(ratings_url(sampled)).content.decode()


def test_an_edit_outside_the_services_also_shows_at_once(sampled, as_user, alice):
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/sample/"
    client.get(url)
    case = SampledCase.objects.filter(inspection=sampled).first()
    before = client.get(url).content.decode()
    case.assessor = alice  # as an admin-site edit would
    case.save()
    after = client.get(url).content.decode()
    assert before != after


def test_one_persons_page_is_never_served_to_another(sampled, client, alice, ian):
    client.force_login(alice)
    client.get(ratings_url(sampled))
    client.get(ratings_url(sampled))
    client.force_login(ian)  # same browser, same CSRF cookie, different person
    page = client.get(ratings_url(sampled)).content.decode()
    assert "Signed in as ian" in page


def test_a_page_with_a_message_to_show_is_not_cached(sampled, as_user, alice):
    client = as_user(alice)
    client.get(ratings_url(sampled))
    done = client.post(
        ratings_url(sampled),
        {
            "action": "override",
            "standard_id": "2.2",
            "rating": "not_rated",
            "not_rated_reason": "small_service",
            "reason": "Two cases only",
        },
        follow=True,
    )
    assert "Recorded as not rated" in done.content.decode()
    assert "Recorded as not rated" not in client.get(ratings_url(sampled)).content.decode()


def test_someone_taken_off_the_team_loses_the_cached_page_at_once(sampled, as_user, alice, ian):
    client = as_user(ian)
    client.get(ratings_url(sampled))
    assert client.get(ratings_url(sampled)).status_code == 200  # now cached for Ian
    from yjinspect.inspections import services as inspections

    member = sampled.team.get(user=ian)
    inspections.remove_team_member(alice, sampled, member.pk)
    assert client.get(ratings_url(sampled)).status_code == 404


def test_a_role_change_outside_the_services_is_not_bypassed_by_the_cache(
    sampled, client, charlie, ada
):
    # Charlie is made an admin (sees everything), views the page, then is made an ordinary
    # inspector again in the admin site: the cached page must not outlive his access.
    ada_profile = ada.profile
    charlie.profile.role = "inspectorate_admin"
    charlie.profile.save()
    client.force_login(charlie)
    client.get(ratings_url(sampled))
    assert client.get(ratings_url(sampled)).status_code == 200
    charlie.profile.role = "inspector"
    charlie.profile.save()
    assert client.get(ratings_url(sampled)).status_code == 404
    assert ada_profile.role == "inspectorate_admin"


def test_an_unseen_inspection_is_404_whether_or_not_it_exists(as_user, charlie, sampled):
    client = as_user(charlie)
    assert client.get(ratings_url(sampled)).status_code == 404
    assert client.get("/inspections/999999/ratings/").status_code == 404
