"""The caseload profile and its headline sentence."""

from __future__ import annotations

from datetime import date

from yjinspect.engine import get_framework, parse_caseload
from yjinspect.engine.profile import caseload_profile, headline
from yjinspect.synthetic import HEADER, caseload_rows


def cases_like_blaenau_gwent():
    # 100 cases: 79 aged 15-17, 87 male, 98 white (the published Blaenau Gwent & Caerphilly mix).
    rows = caseload_rows(100, fieldwork=date(2022, 5, 9))
    for n, row in enumerate(rows):
        row["age"] = "16" if n < 79 else "13"
        row["sex"] = "male" if n < 87 else "female"
        row["ethnicity"] = "white" if n < 98 else "mixed"
    return parse_caseload(rows, header=HEADER)


def test_the_profile_gives_shares_largest_first():
    profile = caseload_profile(cases_like_blaenau_gwent(), get_framework("hmip-yjs-2021").age_bands)
    assert profile.total == 100
    assert [(s.value, s.count, s.percent) for s in profile.fields["age_band"]] == [
        ("15–17", 79, 79),
        ("10–14", 21, 21),
    ]
    assert profile.largest("sex").value == "male"


def test_the_headline_reads_as_the_report_puts_it():
    profile = caseload_profile(cases_like_blaenau_gwent(), get_framework("hmip-yjs-2021").age_bands)
    assert headline(profile) == "79% aged 15–17, 87% male, 98% white"
    assert headline(profile, "cy") == "79% yn 15–17 oed, 87% male, 98% white"


def test_percentages_round_halves_up_and_an_empty_caseload_says_nothing():
    profile = caseload_profile(
        cases_like_blaenau_gwent()[:8], get_framework("hmip-yjs-2021").age_bands
    )
    assert profile.fields["age_band"][0].percent == 100
    empty = caseload_profile([], get_framework("hmip-yjs-2021").age_bands)
    assert headline(empty) == ""
