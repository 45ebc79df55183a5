"""The crosswalk between framework versions: which standard corresponds to which, as data,
checked strictly, and followed through the versions in between."""

from __future__ import annotations

import pytest

from yjinspect.engine.crosswalk import (
    Correspondence,
    get_crosswalk,
    installed_crosswalks,
    parse_crosswalk,
)
from yjinspect.engine.errors import FrameworkError


def test_the_shipped_crosswalks_place_every_standard():
    pairs = {(w.earlier_id, w.later_id) for w in installed_crosswalks()}
    assert pairs == {
        ("hmip-fji-2012", "hmip-yjs-2018"),
        ("hmip-yjs-2018", "hmip-yjs-2021"),
        ("hmip-yjs-2021", "hmip-yjs-2025"),
    }


def test_a_shared_number_is_not_a_shared_meaning():
    walk = get_crosswalk("hmip-yjs-2018", "hmip-yjs-2021")
    # 2021's "3.4 Out-of-court disposal policy and provision" is not 2018's "3.4 Joint working".
    assert walk.for_later("3.4").kind is Correspondence.NONE
    assert walk.for_later("3.4").earlier == ()
    assert walk.for_earlier("3.4").later == ()
    assert walk.for_later("2.1").earlier == ("2.1",)
    assert walk.for_later("4.1").kind is Correspondence.NONE


def test_2025_activities_merge_court_and_out_of_court_work_even_from_2018():
    direct = get_crosswalk("hmip-yjs-2021", "hmip-yjs-2025")
    assert direct.for_later("1.1").earlier == ("2.1", "3.1")
    assert direct.for_later("1.1").kind is Correspondence.MERGED
    composed = get_crosswalk("hmip-yjs-2018", "hmip-yjs-2025")
    assert composed.for_later("1.1").earlier == ("2.1", "3.1")
    assert composed.for_later("1.1").kind is Correspondence.MERGED
    # 2018's 2.1 Assessment is not paired with 2025's 2.1 (there is none) but with 1.1.
    assert composed.for_earlier("2.1").later == ("1.1",)
    assert composed.for_later("V1").kind is Correspondence.NONE
    assert composed.for_earlier("1.1").kind is Correspondence.NONE  # governance: no 2025 rating


def test_the_joint_inspections_governance_split_into_two_2018_standards():
    walk = get_crosswalk("hmip-fji-2012", "hmip-yjs-2018")
    assert walk.for_earlier("A5").later == ("1.1", "1.3")
    assert walk.for_later("1.3").kind is Correspondence.SPLIT
    assert walk.for_later("2.1").kind is Correspondence.NONE


def bad(**changes):
    data = {
        "earlier": "hmip-yjs-2018",
        "later": "hmip-yjs-2021",
        "provenance": "test",
        "standards": [
            {"earlier": [s], "later": [s], "kind": "same"}
            for s in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3")
        ]
        + [
            {"earlier": ["3.4"], "later": [], "kind": "none"},
            {"earlier": [], "later": ["3.4"], "kind": "none"},
            {"earlier": [], "later": ["4.1"], "kind": "none"},
        ],
    }
    data.update(changes)
    return data


def test_a_well_formed_crosswalk_reads():
    assert parse_crosswalk(bad()).for_later("1.1").kind is Correspondence.SAME


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"earlier": "hmip-yjs-2025"}, "must come into force after hmip-yjs-2025"),
        ({"later": "nope"}, "unknown framework 'nope'"),
    ],
)
def test_a_crosswalk_between_the_wrong_versions_is_refused(change, message):
    with pytest.raises(FrameworkError, match=message):
        parse_crosswalk(bad(**change))


def test_each_fault_of_a_link_is_named_by_its_place():
    data = bad()
    data["standards"][0] = {"earlier": ["1.1"], "later": ["1.1", "1.2"], "kind": "same"}
    with pytest.raises(FrameworkError) as error:
        parse_crosswalk(data)
    assert error.value.path == "standards[0].kind"
    assert "'same' does not fit 1 earlier and 2 later" in error.value.message

    data = bad()
    data["standards"][0] = {"earlier": ["9.9"], "later": ["1.1"], "kind": "same"}
    with pytest.raises(FrameworkError, match=r"'9\.9' is not a standard of hmip-yjs-2018"):
        parse_crosswalk(data)

    data = bad()
    del data["standards"][-1]
    with pytest.raises(FrameworkError, match=r"no link for hmip-yjs-2021's 4\.1"):
        parse_crosswalk(data)


def test_a_split_stays_one_link_when_followed_through_a_later_version():
    walk = get_crosswalk("hmip-fji-2012", "hmip-yjs-2021")
    assert walk.for_earlier("A5").later == ("1.1", "1.3")
    assert walk.for_later("1.3").kind is Correspondence.SPLIT
    assert walk.for_later("3.4").kind is Correspondence.NONE
