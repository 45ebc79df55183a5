"""The service policy file: the shipped one loads, a wrong one is refused naming the place,
and workloads and skills are read from it."""

from __future__ import annotations

import pytest

from yjinspect.engine.policy import POLICY_FILE, PolicyError, load_policy, parse_policy
from yjinspect.engine.strictyaml import read_yaml


def shipped() -> dict:
    return read_yaml(POLICY_FILE.read_text(), source="service.yaml")


def test_the_shipped_policy_loads_with_its_thresholds():
    policy = load_policy(POLICY_FILE)
    assert policy.vacant_after_days == 91
    assert set(policy.statutory_secondments) == {"probation", "police", "health", "education"}
    assert "Crime and Disorder Act 1998" in policy.provenance


def test_a_case_weighs_its_risk_times_its_disposal():
    policy = load_policy(POLICY_FILE)
    high_court = policy.case_weight({"rosh": "High", "disposal": "court"})
    low_ooc = policy.case_weight({"rosh": "low", "disposal": "out-of-court"})
    assert high_court == policy.weight_by_rosh["high"] * policy.weight_by_disposal["court"]
    assert low_ooc == policy.weight_by_rosh["low"] * policy.weight_by_disposal["out_of_court"]
    assert policy.capacity(18.5) == policy.capacity_full_time / 2


def test_a_case_needs_the_skills_its_fields_call_for():
    policy = load_policy(POLICY_FILE)
    needed = policy.skills_needed(
        {"disposal_type": "Detention and Training Order", "sex": "female", "rosh": "low"}
    )
    assert [skill.id for skill in needed] == ["custody", "girls"]
    assert policy.skills_needed({"rosh": "low", "disposal": "court"}) == ()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["staffing"].update(vacant_after_days=0), "staffing.vacant_after_days"),
        (lambda d: d["workload"]["by_rosh"].update(high=-1), "workload.by_rosh.high"),
        (
            lambda d: d["staffing"].update(statutory_secondments=["nurse"]),
            "statutory_secondments[0]",
        ),
        (lambda d: d["allocation"]["skills"][0].update(when={"colour": ["red"]}), "when.colour"),
        (lambda d: d["supervision"].update(often=1), "supervision.often"),
    ],
)
def test_a_wrong_policy_is_refused_naming_the_place(change, where):
    data = shipped()
    change(data)
    with pytest.raises(PolicyError) as refused:
        parse_policy(data, source="mine.yaml")
    assert where in str(refused.value)


def test_a_missing_policy_file_is_refused_naming_it(tmp_path):
    with pytest.raises(PolicyError, match=r"nowhere\.yaml"):
        load_policy(tmp_path / "nowhere.yaml")
