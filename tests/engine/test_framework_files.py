"""Framework files are validated strictly, and every error names where it is."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from yjinspect.engine import FrameworkError, get_framework, installed_frameworks, parse_framework
from yjinspect.engine.loader import FRAMEWORKS_DIR, load_framework_file


def test_the_four_published_frameworks_and_the_national_standards_are_installed():
    frameworks = installed_frameworks()
    assert [f.id for f in frameworks.values() if not f.is_self_assessment] == [
        "hmip-fji-2012",
        "hmip-yjs-2018",
        "hmip-yjs-2021",
        "hmip-yjs-2025",
    ]
    assert [f.id for f in frameworks.values() if f.is_self_assessment] == ["yjb-ns-2019"]


def test_the_national_standards_have_a_strategic_and_an_operational_part_each():
    framework = get_framework("yjb-ns-2019")
    assert [d.id for d in framework.domains] == ["1", "2", "3", "4", "5"]
    for domain in framework.domains:
        strategic, operational = domain.standards
        assert strategic.basis.value == "judgement" and operational.basis.value == "case"
        assert operational.key_questions and domain.population
    assert framework.sampling.share == 0.2
    assert {p.min_size for p in framework.sampling.populations} == {20}
    assert framework.overall_method.value == "none" and framework.score_max is None


def test_2018_has_twelve_scored_standards_worth_36_points(yjs2018):
    assert [s.id for s in yjs2018.scored_standards] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    assert yjs2018.score_max == 36
    assert yjs2018.standard("2.1").key_question_ids == ("2.1.1", "2.1.2", "2.1.3")
    assert yjs2018.key_question("2.1.3").aim == "others_safety"
    assert len(yjs2018.key_question("2.1.1").prompts) == 8


def test_2021_makes_3_4_a_judgement_and_adds_unscored_resettlement(yjs2021):
    assert yjs2021.standard("3.4").basis.value == "judgement"
    assert yjs2021.standard("4.1").scored is False
    assert yjs2021.score_max == 36
    assert "young people" not in yjs2021.key_question("2.1.1").text.en


def test_2025_has_the_victims_standard_and_its_sample_bounds():
    framework = get_framework("hmip-yjs-2025")
    assert framework.standard("V1").key_question_ids == ("V1.1", "V1.2")
    sizes = {p.id: (p.min_size, p.max_size) for p in framework.sampling.populations}
    assert sizes == {"children": (14, 91), "victims": (9, 24)}


def test_every_title_and_key_question_has_welsh():
    for framework in installed_frameworks().values():
        for standard in framework.standards:
            same_word = standard.title.en == "Staff"  # "staff" is Welsh too
            assert standard.title.cy
            assert same_word or standard.title.cy != standard.title.en
            for kq in standard.key_questions:
                assert kq.text.cy and kq.text.cy != kq.text.en


def original() -> dict[str, Any]:
    return yaml.safe_load((FRAMEWORKS_DIR / "hmip-yjs-2018.yaml").read_text())


def broken(change) -> dict[str, Any]:
    data = copy.deepcopy(original())
    change(data)
    return data


def std(data, domain: int, standard: int) -> dict[str, Any]:
    return data["domains"][domain]["standards"][standard]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d.update(colour="blue"), "colour", "unknown key"),
        (lambda d: std(d, 1, 0).update(weight=2), "domains[1].standards[0].weight", "unknown key"),
        (
            lambda d: d["domains"][1]["standards"].append(std(d, 1, 0)),
            "domains[1].standards[4].id",
            "duplicate standard id '2.1' (first at domains[1].standards[0].id)",
        ),
        (
            lambda d: std(d, 1, 0)["key_questions"][0].update(id="2.2.1"),
            "domains[1].standards[0].key_questions[0].id",
            "not numbered under standard '2.1'",
        ),
        (
            lambda d: std(d, 1, 1)["key_questions"][0].update(id="2.1.1"),
            "domains[1].standards[1].key_questions[0].id",
            "not numbered under standard '2.2'",
        ),
        (lambda d: std(d, 2, 0).update(id="2.5"), "domains[2].standards[0].id", "under domain '3'"),
        (
            lambda d: d["case_rating"]["bands"][1].update(min_percent=85),
            "case_rating.bands[1].min_percent",
            "must fall",
        ),
        (
            lambda d: d["case_rating"]["bands"][3].update(min_percent=10),
            "case_rating.bands",
            "must start at 0",
        ),
        (
            lambda d: d["case_rating"]["bands"][0].update(min_percent=120),
            "case_rating.bands[0].min_percent",
            "at most 100",
        ),
        (
            lambda d: d["overall"]["bands"][1].update(min_score=8),
            "overall.bands[1].min_score",
            "without gap or overlap",
        ),
        (
            lambda d: d["overall"]["bands"][3].update(max_score=40),
            "overall.bands",
            "highest possible score, 36",
        ),
        (
            lambda d: std(d, 1, 0)["key_questions"][0].update(aim="happiness"),
            "domains[1].standards[0].key_questions[0].aim",
            "not one of",
        ),
        (lambda d: std(d, 0, 0).update(id=1.1), "domains[0].standards[0].id", "in quotes"),
        (lambda d: std(d, 0, 0).pop("provenance"), "domains[0].standards[0]", "'provenance'"),
        (
            lambda d: std(d, 1, 0).update(basis="vibes"),
            "domains[1].standards[0].basis",
            "not one of",
        ),
        (
            lambda d: std(d, 1, 0).update(key_questions=[]),
            "domains[1].standards[0].key_questions",
            "must not be empty",
        ),
        (
            lambda d: d["sampling"]["populations"][0].update(min_size=70),
            "sampling.populations[0].max_size",
            "below min_size",
        ),
        (
            lambda d: d["sampling"]["populations"][0]["windows"]["court"].update(
                months_before_to=12
            ),
            "sampling.populations[0].windows.court.months_before_to",
            "nearer fieldwork",
        ),
        (lambda d: d["domains"][1].update(population="adults"), "domains[1].population", "adults"),
        (lambda d: d["scale"]["levels"][1].update(points="two"), "scale.levels[1].points", "whole"),
        (
            lambda d: d["alerts"]["response_hours"].pop("medium"),
            "alerts.response_hours",
            "'medium'",
        ),
        (
            lambda d: d["alerts"].update(remind_before_hours=24),
            "alerts.remind_before_hours",
            "shortest response time (24 hours)",
        ),
    ],
)
def test_a_broken_framework_is_refused_naming_the_place(change, path, words):
    with pytest.raises(FrameworkError) as error:
        parse_framework(broken(change), source="test.yaml")
    assert error.value.path == path
    assert words in str(error.value)
    assert str(error.value).startswith(f"test.yaml: {path}")


def test_a_key_given_twice_in_the_file_is_refused(tmp_path: Path):
    text = (FRAMEWORKS_DIR / "hmip-yjs-2018.yaml").read_text()
    path = tmp_path / "twice.yaml"
    path.write_text(text.replace("id: hmip-yjs-2018\n", "id: hmip-yjs-2018\nid: again\n", 1))
    with pytest.raises(FrameworkError, match="the key 'id' appears twice") as error:
        load_framework_file(path)
    assert str(path) in str(error.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(FrameworkError, match="not valid YAML"):
        load_framework_file(path)


def test_a_new_framework_needs_no_code_change(tmp_path: Path):
    # A made-up framework with a five-point scale and different thresholds loads and rates.
    from yjinspect.engine import KeyQuestionCount, StandardInput, rate_inspection

    data = original()
    data["id"] = "test-5-point"
    data["scale"]["levels"].insert(
        0, {"id": "exemplary", "title": {"en": "E", "cy": "E"}, "points": 4}
    )
    data["case_rating"]["bands"].insert(0, {"rating": "exemplary", "min_percent": 95})
    data["overall"]["bands"][-1]["max_score"] = 40
    data["overall"]["bands"].append({"rating": "exemplary", "min_score": 41, "max_score": 48})
    framework = parse_framework(data)
    result = rate_inspection(
        framework, {"2.1": StandardInput(key_questions={"2.1.1": KeyQuestionCount(19, 1)})}
    )
    assert result.standards["2.1"].rating == "exemplary"
    assert framework.score_max == 48
