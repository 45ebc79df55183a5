"""`yjinspect sample`: a caseload CSV in, the stratified sample out."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from yjinspect.synthetic import caseload_csv

FIELDWORK = "2024-05-13"


@pytest.fixture
def caseload(tmp_path):
    path = tmp_path / "caseload.csv"
    path.write_text(caseload_csv(400, fieldwork=date(2024, 5, 13), seed=4))
    return path


def sample(cli, caseload, *extra):
    return cli(
        "sample",
        "--caseload",
        str(caseload),
        "--framework",
        "hmip-yjs-2018",
        "--fieldwork",
        FIELDWORK,
        "--seed",
        "42",
        *extra,
    )


def test_it_lists_the_chosen_cases_with_their_stratum_and_a_profile(cli, caseload):
    ran = sample(cli, caseload)
    assert ran.code == 0, ran.err
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    assert {row["population"] for row in rows} == {"court", "out_of_court"}
    first = rows[0]
    assert first["stratum"] == " / ".join(
        [first["disposal_type"], first["sex"], first["rosh"], first["safety_wellbeing"]]
    )
    # The summary on stderr gives sizes and the population and sample profile side by side.
    assert "Court disposals:" in ran.err and "eligible cases" in ran.err
    assert "sex: male" in ran.err


def test_same_input_and_seed_give_the_same_sample(cli, caseload):
    assert sample(cli, caseload).out == sample(cli, caseload).out


def test_json_gives_sizes_windows_cases_and_profile(cli, caseload):
    data = sample(cli, caseload, "--format", "json").json()
    court = data["populations"][0]
    assert court["id"] == "court"
    assert court["windows"]["court"] == {"from": "2023-08-13", "to": "2023-11-13"}
    assert len(court["cases"]) == court["size"] <= court["eligible"]
    assert 10 <= court["size"] <= 60
    profile_total = sum(v["sample"] for v in court["profile"]["sex"].values())
    assert profile_total == court["size"]
    assert data["seed"] == 42


def test_every_bad_row_is_reported_and_nothing_is_sampled(cli, tmp_path):
    text = caseload_csv(5, fieldwork=date(2024, 5, 13)).splitlines()
    text[2] = text[2].replace(",court,", ",crown,").replace(",out_of_court,", ",crown,")
    text[4] = text[4].replace("2024-", "2024/").replace("2023-", "2023/")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(text) + "\n")
    ran = cli(
        "sample",
        "--caseload",
        str(path),
        "--framework",
        "hmip-yjs-2018",
        "--fieldwork",
        FIELDWORK,
        "--seed",
        "1",
    )
    assert ran.code == 2
    assert ran.out == ""
    assert "row 3, column 'disposal': 'crown' is not one of: court, out_of_court" in ran.err
    assert "row 5, column 'start_date'" in ran.err
    assert "(and 1 more problems)" in ran.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fieldwork", "2024-13-01"), "--fieldwork: '2024-13-01' is not a date as YYYY-MM-DD"),
        (("--framework", "hmip-yjs-1999"), "unknown framework 'hmip-yjs-1999'"),
    ],
)
def test_bad_options_exit_2_naming_the_option(cli, caseload, args, message):
    argv = {
        "--caseload": str(caseload),
        "--framework": "hmip-yjs-2018",
        "--fieldwork": FIELDWORK,
        "--seed": "1",
    }
    argv.update(dict(zip(args[::2], args[1::2], strict=True)))
    ran = cli("sample", *[part for pair in argv.items() for part in pair])
    assert ran.code == 2
    assert message in ran.err


def test_a_file_missing_a_column_or_empty_is_refused(cli, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    ran = cli(
        "sample",
        "--caseload",
        str(empty),
        "--framework",
        "hmip-yjs-2018",
        "--fieldwork",
        FIELDWORK,
        "--seed",
        "1",
    )
    assert (ran.code, "the file is empty" in ran.err) == (2, True)
    no_rosh = tmp_path / "no-rosh.csv"
    no_rosh.write_text("case_ref,disposal\nA1,court\n")
    ran = cli(
        "sample",
        "--caseload",
        str(no_rosh),
        "--framework",
        "hmip-yjs-2018",
        "--fieldwork",
        FIELDWORK,
        "--seed",
        "1",
    )
    assert ran.code == 2 and "row 1: missing required column(s): disposal_type" in ran.err


def test_a_non_numeric_seed_is_a_usage_error(cli, caseload):
    ran = cli(
        "sample",
        "--caseload",
        str(caseload),
        "--framework",
        "hmip-yjs-2018",
        "--fieldwork",
        FIELDWORK,
        "--seed",
        "abc",
    )
    assert ran.code == 2 and "--seed: invalid int value: 'abc'" in ran.err
