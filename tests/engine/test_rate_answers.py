"""Rating from the answers themselves gives what rating from their counts gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.engine import (
    RatingInputError,
    StandardInput,
    get_framework,
    rate_answers,
    rate_inspection,
    tally,
)

CASE_KQS = [
    f"{s}.{k}" for s in ("2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3") for k in (1, 2, 3)
] + ["3.4.1", "3.4.2"]
answer_columns = st.lists(st.sampled_from(["yes", "no", "na"]), min_size=0, max_size=30)


@given(st.dictionaries(st.sampled_from(CASE_KQS), answer_columns, min_size=1))
def test_answers_and_their_counts_give_the_same_ratings(answers):
    framework = get_framework("hmip-yjs-2018")
    by_standard: dict[str, dict] = {}
    for kq, column in answers.items():
        by_standard.setdefault(kq.rsplit(".", 1)[0], {})[kq] = tally(column)
    from_counts = rate_inspection(
        framework, {sid: StandardInput(key_questions=c) for sid, c in by_standard.items()}
    )
    from_answers = rate_answers(framework, answers)
    for sid in framework.standards:
        assert from_answers.standards[sid.id].rating == from_counts.standards[sid.id].rating
        assert (
            from_answers.standards[sid.id].lowest_key_question
            == from_counts.standards[sid.id].lowest_key_question
        )


def test_answers_to_a_question_the_framework_does_not_rate_from_cases_are_refused():
    framework = get_framework("hmip-yjs-2018")
    with pytest.raises(RatingInputError) as error:
        rate_answers(framework, {"2.1.1": ["yes"], "1.1.1": ["no"]})
    assert error.value.field == "answers.1.1.1"
