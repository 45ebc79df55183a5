"""The measures file: the YJB's ten KPIs and three national indicators, with funnels and scales."""

from __future__ import annotations

import pytest

from yjinspect.engine.measures import MEASURES_FILE, measures, parse_measures
from yjinspect.engine.policy import PolicyError
from yjinspect.engine.strictyaml import read_yaml


def test_ten_kpis_and_three_national_indicators():
    labels = [m.label for m in measures()]
    assert labels == [f"KPI {n}" for n in range(1, 11)] + ["NI 1", "NI 2", "NI 3"]


def test_mental_health_and_substance_misuse_are_funnels_of_three_stages():
    funnels = {m.id: [p.id for p in m.parts] for m in measures() if m.funnel}
    assert funnels == {
        "kpi4": ["identified", "planned", "attending"],
        "kpi5": ["identified", "planned", "attending"],
    }


def test_rates_read_per_their_population():
    by_id = {m.id: m for m in measures()}
    assert by_id["fte"].value(21, 14250) == pytest.approx(147.37, abs=0.01)
    assert by_id["custody"].value(3, 14250) == pytest.approx(0.21, abs=0.01)
    assert by_id["kpi1"].value(52, 58) == pytest.approx(89.66, abs=0.01)
    assert by_id["kpi1"].value(0, 0) is None


def test_a_wrong_scale_is_refused_naming_the_place():
    data = read_yaml(MEASURES_FILE.read_text(), source="kpis.yaml")
    data["measures"][10]["per"] = 500
    with pytest.raises(PolicyError, match=r"measures\[10\]\.per: must be 100, 1000 or 100000"):
        parse_measures(data, source="kpis.yaml")
