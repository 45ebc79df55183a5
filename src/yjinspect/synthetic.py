"""Synthetic caseloads for the demonstration, tests and benchmarks: realistic in shape, made up
in every value (no real child is in them), and the same for the same seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from yjinspect.engine.caseload import REQUIRED_COLUMNS

COURT_TYPES = ("referral order", "youth rehabilitation order", "detention and training order")
OUT_OF_COURT_TYPES = ("youth caution", "youth conditional caution", "community resolution")
ETHNICITIES = ("white", "mixed", "black", "asian", "other")
HEADER = (*REQUIRED_COLUMNS, "care_status")


def caseload_rows(count: int, *, fieldwork: date, seed: int = 1) -> list[dict[str, str]]:
    """``count`` caseload rows whose start dates spread over the year before ``fieldwork``,
    so some fall inside each eligibility window and some outside."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        court = rng.random() < 0.55
        rows.append(
            {
                "case_ref": f"YJ{seed:02d}-{number:05d}",
                "disposal": "court" if court else "out_of_court",
                "disposal_type": rng.choice(COURT_TYPES if court else OUT_OF_COURT_TYPES),
                "start_date": (fieldwork - timedelta(days=rng.randint(30, 365))).isoformat(),
                "sex": "male" if rng.random() < 0.85 else "female",
                "age": str(rng.choices(range(10, 19), weights=(1, 2, 3, 6, 10, 16, 20, 22, 5))[0]),
                "ethnicity": rng.choices(ETHNICITIES, weights=(80, 6, 6, 6, 2))[0],
                "rosh": rng.choices(("low", "medium", "high", "very_high"), (45, 38, 15, 2))[0],
                "safety_wellbeing": rng.choices(
                    ("low", "medium", "high", "very_high"), (30, 42, 24, 4)
                )[0],
                "care_status": rng.choice(("looked after", "not looked after", "not looked after")),
            }
        )
    return rows


def caseload_csv(count: int, *, fieldwork: date, seed: int = 1) -> str:
    """The same rows as a CSV text with a header."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(caseload_rows(count, fieldwork=fieldwork, seed=seed))
    return out.getvalue()


VICTIM_HEADER = ("victim_ref", "disposal", "disposal_type", "start_date", "victim_type")


def victims_csv(count: int, *, fieldwork: date, seed: int = 1) -> str:
    """A made-up victims list (2025): ``count`` victims of offences whose disposals started in
    the year before ``fieldwork``; no one in it is real, and no row names anyone."""
    import csv
    import io

    rng = random.Random(f"victims|{seed}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VICTIM_HEADER)
    for number in range(1, count + 1):
        court = rng.random() < 0.6
        writer.writerow(
            (
                f"V{seed:02d}-{number:04d}",
                "court" if court else "out_of_court",
                rng.choice(COURT_TYPES if court else OUT_OF_COURT_TYPES),
                (fieldwork - timedelta(days=rng.randint(30, 365))).isoformat(),
                rng.choices(("individual", "business", "organisation"), (80, 15, 5))[0],
            )
        )
    return out.getvalue()
