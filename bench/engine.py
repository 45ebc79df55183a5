"""Benchmark: rate 10,000 synthetic inspections (60 cases x 36 key questions each) with the
engine, against a plain-Python tally of the same answers measured in the same run.

The tally is the least work any implementation must do with the answers (count yes and no per
key question); the ratio shows what the engine's rules, checks and explanations cost on top.
Target: ratio <= 2 and the engine's own time under 1 s.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from yjinspect.engine import (
    KeyQuestionCount,
    StandardInput,
    parse_framework,
    rate_answers,
    rate_inspection,
)
from yjinspect.engine.ratings import NO, YES

INSPECTIONS = 10_000
CASES = 60
DOMAINS, STANDARDS_PER_DOMAIN, KQS_PER_STANDARD = 3, 4, 3  # 36 key questions
TARGET_RATIO = 2.0
TARGET_SECONDS = 1.0


def synthetic_framework() -> dict:
    """A framework of 12 case-based standards with 3 key questions each, scored out of 36."""
    text = {"en": "x", "cy": "x"}
    levels = [("outstanding", 3), ("good", 2), ("requires_improvement", 1), ("inadequate", 0)]
    return {
        "id": "bench",
        "title": text,
        "in_force": {"from": "2020-01-01"},
        "provenance": "synthetic",
        "scale": {
            "levels": [{"id": i, "title": text, "points": p} for i, p in levels],
            "not_rated": text,
            "not_rated_reasons": [{"id": "other", "title": text, "needs_note": True}],
            "provenance": "synthetic",
        },
        "case_rating": {
            "percent_display": "floor",
            "bands": [
                {"rating": r, "min_percent": m}
                for r, m in zip([lvl for lvl, _ in levels], [80, 65, 50, 0], strict=True)
            ],
            "provenance": "synthetic",
        },
        "overall": {
            "method": "sum_of_points",
            "bands": [
                {"rating": "inadequate", "min_score": 0, "max_score": 6},
                {"rating": "requires_improvement", "min_score": 7, "max_score": 18},
                {"rating": "good", "min_score": 19, "max_score": 30},
                {"rating": "outstanding", "min_score": 31, "max_score": 36},
            ],
            "provenance": "synthetic",
        },
        "aims": {"desistance": text},
        "domains": [
            {
                "id": f"{d}",
                "title": text,
                "standards": [
                    {
                        "id": f"{d}.{s}",
                        "title": text,
                        "basis": "case",
                        "scored": True,
                        "provenance": "synthetic",
                        "key_questions": [
                            {"id": f"{d}.{s}.{k}", "text": text}
                            for k in range(1, KQS_PER_STANDARD + 1)
                        ],
                    }
                    for s in range(1, STANDARDS_PER_DOMAIN + 1)
                ],
            }
            for d in range(1, DOMAINS + 1)
        ],
    }


Inspection = dict[str, list[str]]  # key question id → one answer per sampled case


def synthetic_answers(rng: random.Random, kq_ids: list[str]) -> list[Inspection]:
    # A pool of answer columns, shared by reference, keeps set-up fast and memory small while
    # every inspection still has 36 x 60 answers to count.
    pool = [rng.choices([YES, NO, "na"], weights=(70, 20, 10), k=CASES) for _ in range(4_000)]
    return [{kq: rng.choice(pool) for kq in kq_ids} for _ in range(INSPECTIONS)]


def plain_tally(inspections: list[Inspection]) -> int:
    """Baseline: count yes and no for every key question of every inspection."""
    total = 0
    for inspection in inspections:
        for answers in inspection.values():
            total += answers.count(YES) + answers.count(NO)
    return total


def engine_rating(framework) -> Callable:
    def run(inspections: list[Inspection]) -> int:
        points = 0
        for inspection in inspections:
            points += rate_answers(framework, inspection).score or 0
        return points

    return run


def best_of(runs: int, func: Callable, data) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    framework = parse_framework(synthetic_framework())
    kq_ids = [kq for s in framework.standards for kq in s.key_question_ids]
    inspections = synthetic_answers(random.Random(2024), kq_ids)
    check = rate_inspection(
        framework, {"1.1": StandardInput(key_questions={"1.1.1": KeyQuestionCount(1, 0)})}
    )
    assert check.standards["1.1"].rating == "outstanding"
    rate = engine_rating(framework)
    baseline = best_of(3, plain_tally, inspections)
    engine = best_of(3, rate, inspections)
    ratio = engine / baseline
    print(f"inspections: {INSPECTIONS:,} x {CASES} cases x {len(kq_ids)} key questions")
    print(f"plain tally (baseline): {baseline:.3f} s")
    print(f"engine rating:          {engine:.3f} s  (target under {TARGET_SECONDS:.1f} s)")
    print(f"RESULT name=engine value={ratio:.2f} unit=ratio target={TARGET_RATIO}")
    return 0 if ratio <= TARGET_RATIO and engine < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
