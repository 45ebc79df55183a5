"""The dashboards read through a second database alias (a read replica in production; here a
mirror of the test database), writes and migrations stay on the primary, and the figures are
the same either way."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yjinspect.catalogue.demo_national import load_national
from yjinspect.national import disproportionality, selection
from yjinspect.national.figures import FIGURES, Filters
from yjinspect.national.models import PublishedInspection
from yjinspect.routers import ReplicaRouter

# Committed writes: the replica alias is its own connection, as a real replica is.
pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


def _figures():
    return {
        **{fid: figure.compute(Filters()).rows for fid, figure in FIGURES.items()},
        "disproportionality": disproportionality.rows(disproportionality.national(Filters()), "en"),
        "selection": [(r.service.pk, r.ranked.score) for r in selection.ranking(Filters())[0]],
    }


def test_the_dashboards_read_from_the_replica_alias_with_the_same_figures(settings, as_user, alice):
    assert "replica" in connections.databases
    load_national(9, 4, seed=6, progress=lambda _line: None)
    on_primary = _figures()
    settings.YJ_DASHBOARD_DATABASE = "replica"
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        on_replica = _figures()
        page = as_user(alice).get(reverse("national:figure", args=["overall"]))
    assert page.status_code == 200
    assert on_replica == on_primary
    read_there = [q["sql"] for q in replica.captured_queries]
    assert any("national_publishedinspection" in sql for sql in read_there)
    assert any("kpis_measurevalue" in sql for sql in read_there)
    # The primary answered only the session, the person and the page cache's version.
    assert not [q["sql"] for q in primary.captured_queries if "national_published" in q["sql"]]


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(PublishedInspection) == "default"
    assert router.allow_migrate("replica", "national") is False
    assert router.allow_migrate("default", "national") is True
