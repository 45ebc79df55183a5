"""Builders for engine test input."""

from __future__ import annotations

from yjinspect.engine import KeyQuestionCount, StandardInput

RATING_OF = {"O": "outstanding", "G": "good", "RI": "requires_improvement", "I": "inadequate"}


def recorded(table: dict[str, str]) -> dict[str, StandardInput]:
    """{'1.1': 'G', ...} → recorded ratings, as when re-scoring a published table."""
    return {sid: StandardInput(rating=RATING_OF[short]) for sid, short in table.items()}


def counts(**kqs: tuple[int, int]) -> StandardInput:
    """counts(kq_2_1_1=(20, 5)) → key-question counts for one standard."""
    return StandardInput(
        key_questions={
            name.removeprefix("kq_").replace("_", "."): KeyQuestionCount(yes, no)
            for name, (yes, no) in kqs.items()
        }
    )
