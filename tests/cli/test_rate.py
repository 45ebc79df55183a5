"""`yjinspect rate`: JSON evidence in, ratings with reasons out."""

from __future__ import annotations

import json

import pytest

STANDARDS = ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4")
WORDS = {"O": "outstanding", "G": "good", "RI": "requires_improvement", "I": "inadequate"}


def table(framework: str, ratings: str) -> str:
    standards = {
        sid: {"rating": WORDS[r]} for sid, r in zip(STANDARDS, ratings.split(), strict=True)
    }
    return json.dumps({"framework": framework, "standards": standards})


def test_cardiff_2020_is_0_of_36_inadequate(cli, tmp_path):
    path = tmp_path / "cardiff.json"
    path.write_text(table("hmip-yjs-2018", " ".join(["I"] * 12)))
    ran = cli("rate", str(path))
    assert ran.code == 0, ran.err
    result = ran.json()
    assert (result["score"], result["score_max"], result["overall"]) == (0, 36, "inadequate")
    assert all(s["rating"] == "inadequate" for s in result["standards"].values())


def test_east_sussex_2024_is_25_of_36_good_from_standard_input(cli):
    ran = cli("rate", "-", stdin=table("hmip-yjs-2021", "G G O O G I O O RI RI O G"))
    result = ran.json()
    assert (result["score"], result["overall"], result["overall_title"]) == (25, "good", "Good")
    assert result["standards"]["4.1"]["rating"] == "not_rated"


def test_key_question_counts_give_the_rating_and_the_reason(cli):
    request = {
        "framework": "hmip-yjs-2018",
        "standards": {
            "1.1": {"rating": "good"},
            "2.1": {
                "key_questions": {"2.1.1": {"yes": 20, "no": 5}, "2.1.2": {"yes": 15, "no": 10}}
            },
            "2.2": {"rating": "outstanding", "override_reason": "Boundary cases re-read."},
        },
    }
    result = cli("rate", stdin=json.dumps(request)).json()
    assessment = result["standards"]["2.1"]
    assert assessment["rating"] == "requires_improvement"
    assert assessment["basis"] == "key_questions"
    assert (assessment["lowest_key_question"], assessment["percent"]) == ("2.1.2", 60)
    assert assessment["key_questions"]["2.1.1"] == {
        "yes": 20,
        "no": 5,
        "applicable": 25,
        "percent": 80,
    }
    assert assessment["reason"] == "lowest key question 2.1.2 at 60% (15 of 25)"
    assert result["standards"]["2.2"]["basis"] == "override"
    assert result["standards"]["2.2"]["override_reason"] == "Boundary cases re-read."
    # Missing standards are not rated, so there is no score and the reason says why.
    assert result["score"] is None and result["overall"] is None
    assert "standard 1.2" in result["overall_reason"]


def test_reasons_and_titles_come_in_welsh(cli):
    result = cli("rate", "--language", "cy", stdin=table("hmip-yjs-2018", " ".join(["G"] * 12)))
    data = result.json()
    assert data["overall_title"] == "Da"
    assert data["standards"]["1.1"]["title"] == "Llywodraethu ac arweinyddiaeth"
    assert data["overall_reason"] == "mae sgôr 24 o 36 yn y band 19–30 (Da)"


def test_2025_takes_a_recorded_overall(cli):
    request = {"framework": "hmip-yjs-2025", "overall": {"rating": "good", "reason": "Team view."}}
    result = cli("rate", stdin=json.dumps(request)).json()
    assert (result["overall"], result["score"]) == ("good", None)


@pytest.mark.parametrize(
    ("request_text", "message"),
    [
        ("{bad", "standard input: not valid JSON: Expecting property name"),
        ("[]", "must be a JSON object, not a list"),
        ('{"standards": {}}', "framework: missing"),
        ('{"framework": "hmip-yjs-2019"}', "framework: unknown framework 'hmip-yjs-2019'"),
        ('{"framework": "hmip-yjs-2018", "colour": 1}', "colour: unknown field 'colour'"),
        (
            '{"framework": "hmip-yjs-2018", "standards": {"9.9": {}}}',
            "standards.9.9: unknown standard '9.9'",
        ),
        (
            '{"framework": "hmip-yjs-2018", "standards": '
            '{"2.1": {"key_questions": {"2.1.7": {}}}}}',
            "standards.2.1.key_questions.2.1.7: unknown key question of 2.1 '2.1.7'",
        ),
        (
            '{"framework": "hmip-yjs-2018", "standards": {"2.1": {"rating": "brilliant"}}}',
            "standards.2.1.rating: unknown rating 'brilliant'",
        ),
        (
            '{"framework": "hmip-yjs-2018", "standards": {"2.1": {"key_questions": '
            '{"2.1.1": {"yes": -2, "no": 1}}}}}',
            "standards.2.1.key_questions.2.1.1.yes: must not be negative, not -2",
        ),
        (
            '{"framework": "hmip-yjs-2018", "standards": {"2.1": {"key_questions": '
            '{"2.1.1": {"yes": "3", "no": 1}}}}}',
            "standards.2.1.key_questions.2.1.1.yes: must be a whole number, not text",
        ),
        (
            '{"framework": "hmip-yjs-2018", "standards": {"2.1": {"key_questions": '
            '{"2.1.1": {"yes": 3}}}}}',
            "standards.2.1.key_questions.2.1.1.no: missing",
        ),
        (
            '{"framework": "hmip-fji-2012", "standards": {"A1": {"rating": "outstanding"}}}',
            "standards.A1.rating: unknown rating 'outstanding' (use one of: good, satisfactory",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_message_and_no_traceback(cli, request_text, message):
    ran = cli("rate", stdin=request_text)
    assert ran.code == 2
    assert ran.out == ""
    assert ran.err.startswith("yjinspect: error: ")
    assert message in ran.err
    assert "Traceback" not in ran.err
    assert len(ran.err.strip().splitlines()) == 1


def test_a_missing_file_is_named(cli):
    ran = cli("rate", "no-such-file.json")
    assert (ran.code, ran.err) == (2, "yjinspect: error: no-such-file.json: no such file\n")


def test_a_2025_inspection_is_rated_from_the_counts_of_both_samples(cli):
    request = {
        "framework": "hmip-yjs-2025",
        "standards": {
            "1.1": {
                "key_questions": {
                    "1.1.1": {"yes": 30, "no": 5},
                    "1.1.2": {"yes": 28, "no": 7},
                    "1.1.3": {"yes": 20, "no": 12},
                }
            },
            "1.2": {"key_questions": {"1.2.1": {"yes": 33, "no": 2}}},
            "1.3": {"key_questions": {"1.3.1": {"yes": 29, "no": 6}}},
            "V1": {"key_questions": {"V1.1": {"yes": 14, "no": 4}, "V1.2": {"yes": 13, "no": 5}}},
        },
        "overall": {"rating": "good", "reason": "Assessing for community safety must improve."},
    }
    ran = cli("rate", "-", stdin=json.dumps(request))
    assert ran.code == 0, ran.err
    result = ran.json()
    ratings = {sid: s["rating"] for sid, s in result["standards"].items()}
    # 1.1.3 at 62% (20 of 32) decides Assessing; V1.2 at 72% (13 of 18) decides victims work.
    assert ratings == {
        "1.1": "requires_improvement",
        "1.2": "outstanding",
        "1.3": "outstanding",
        "V1": "good",
    }
    assert result["standards"]["1.1"]["reason"] == "lowest key question 1.1.3 at 62% (20 of 32)"
    assert result["overall"] == "good" and result["score"] is None
    assert "Assessing for community safety must improve." in result["overall_reason"]
