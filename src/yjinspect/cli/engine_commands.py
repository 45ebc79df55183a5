"""CLI commands over the engine alone (no database): frameworks, rate, sample."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from yjinspect.engine import (
    CaseloadError,
    CaseloadInvalid,
    Framework,
    draw_sample,
    get_framework,
    installed_frameworks,
    load_framework_file,
    parse_caseload,
    rate_request,
)
from yjinspect.engine.crosswalk import get_crosswalk
from yjinspect.engine.interchange import framework_json
from yjinspect.engine.sampling import PROFILE_FIELDS, SampleResult

RATE_EXAMPLE = """\
input (JSON, from FILE or standard input):
  {"framework": "hmip-yjs-2018",
   "standards": {
     "1.1": {"rating": "good"},
     "2.1": {"key_questions": {"2.1.1": {"yes": 20, "no": 5}, "2.1.2": {"yes": 15, "no": 10}}},
     "2.2": {"rating": "outstanding", "override_reason": "..."},
     "3.4": {"rating": "not_rated", "not_rated_reason": "small_service"}}}
  Ratings: outstanding, good, requires_improvement, inadequate, not_rated
  (hmip-fji-2012: good, satisfactory, unsatisfactory, poor). Missing standards are not rated.
  not_rated needs a not_rated_reason from the framework: small_service, no_cases, or other
  with a "note". An override needs key-question counts with at least one applicable case.
  hmip-yjs-2025 takes the team's overall as {"overall": {"rating": "good", "reason": "..."}}.
"""


class InputProblem(Exception):
    """A file or option given on the command line cannot be used."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    frameworks = commands.add_parser("frameworks", help="list, show and validate frameworks")
    sub = frameworks.add_subparsers(dest="frameworks_command", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="list the installed frameworks")
    listing.add_argument("--language", choices=("en", "cy"), default="en")
    listing.set_defaults(handler=frameworks_list)
    show = sub.add_parser("show", help="show one framework's domains, standards and key questions")
    show.add_argument("id")
    show.add_argument("--language", choices=("en", "cy"), default="en")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=frameworks_show)
    crosswalk = sub.add_parser(
        "crosswalk", help="which standards of one version correspond to which of a later one"
    )
    crosswalk.add_argument("earlier")
    crosswalk.add_argument("later")
    crosswalk.add_argument("--format", choices=("text", "json"), default="text")
    crosswalk.set_defaults(handler=frameworks_crosswalk)
    validate = sub.add_parser("validate", help="check framework files strictly")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=frameworks_validate)

    rate = commands.add_parser(
        "rate",
        help="rate an inspection from JSON evidence",
        epilog=RATE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rate.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    rate.add_argument("--language", choices=("en", "cy"), default="en")
    rate.set_defaults(handler=rate_command)

    sample = commands.add_parser(
        "sample",
        help="draw the stratified case sample from a caseload CSV",
        description="Columns: case_ref, disposal (court|out_of_court), disposal_type, "
        "start_date (YYYY-MM-DD), sex, age, ethnicity, rosh and safety_wellbeing "
        "(low|medium|high|very_high). Cases go to stdout; with --format csv a summary of "
        "sizes and the population and sample profile goes to stderr.",
    )
    sample.add_argument("--caseload", required=True, metavar="FILE.csv")
    sample.add_argument("--framework", required=True, metavar="ID")
    sample.add_argument("--fieldwork", required=True, metavar="YYYY-MM-DD")
    sample.add_argument("--seed", required=True, type=int, metavar="N")
    sample.add_argument("--format", choices=("csv", "json"), default="csv")
    sample.set_defaults(handler=sample_command)


def frameworks_list(args: argparse.Namespace) -> int:
    for framework in installed_frameworks().values():
        until = framework.in_force_to.isoformat() if framework.in_force_to else "now"
        print(
            f"{framework.id:<15} {framework.in_force_from.isoformat()} to {until:<10}  "
            f"{len(framework.standards):>2} standards  {framework.title.get(args.language)}"
            + ("  (a service's self-assessment)" if framework.is_self_assessment else "")
        )
    return 0


def frameworks_show(args: argparse.Namespace) -> int:
    framework = get_framework(args.id)
    lang = args.language
    if args.format == "json":
        json.dump(framework_json(framework), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{framework.id}: {framework.title.get(lang)}")
    print(f"Scale: {', '.join(level.title.get(lang) for level in framework.scale)}")
    if framework.score_max is not None:
        bands = ", ".join(
            f"{b.min_score}–{b.max_score} {framework.level(b.rating).title.get(lang)}"
            for b in framework.overall_bands
        )
        print(f"Overall: score out of {framework.score_max} ({bands})")
    else:
        print(f"Overall: {framework.overall_method.value.replace('_', ' ')}")
    for domain in framework.domains:
        print(f"\n{domain.id} {domain.title.get(lang)}")
        for standard in domain.standards:
            flags = ", ".join(
                flag
                for flag, shown in (
                    (standard.basis.value, True),
                    ("not scored", not standard.scored),
                    ("assessed in cases", standard.assessed_in_cases),
                    ("titled per inspection", standard.title_per_inspection),
                )
                if shown
            )
            print(f"  {standard.id} {standard.title.get(lang)} ({flags})")
            for kq in standard.key_questions:
                print(f"    {kq.id} {kq.text.get(lang)}")
    return 0


def frameworks_crosswalk(args: argparse.Namespace) -> int:
    """Each standard's counterpart, e.g. '2.1, 3.1 -> 1.1 (merged)' or '3.4 -> none'."""
    walk = get_crosswalk(args.earlier, args.later)
    if args.format == "json":
        links = [
            {"earlier": list(link.earlier), "later": list(link.later), "kind": link.kind.value}
            for link in walk.standards
        ]
        json.dump(
            {"earlier": walk.earlier_id, "later": walk.later_id, "standards": links},
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    print(f"{walk.earlier_id} -> {walk.later_id}")
    for link in walk.standards:
        print(
            f"  {', '.join(link.earlier) or '(none)'} -> {', '.join(link.later) or '(none)'}"
            f" ({link.kind.value})"
        )
    return 0


def frameworks_validate(args: argparse.Namespace) -> int:
    for name in args.files:
        framework = load_framework_file(name)
        kqs = sum(len(s.key_questions) for s in framework.standards)
        print(
            f"{name}: valid framework '{framework.id}' "
            f"({len(framework.standards)} standards, {kqs} key questions)"
        )
    return 0


def _read(name: str) -> str:
    """The whole text of FILE, or of standard input for '-'."""
    try:
        if name == "-":
            return sys.stdin.read()
        # utf-8-sig: spreadsheets often save CSV with a byte-order mark.
        return Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputProblem(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputProblem(f"{name}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InputProblem(f"{name}: not UTF-8 text (save it as CSV UTF-8)") from None


def rate_command(args: argparse.Namespace) -> int:
    text = _read(args.file)
    source = "standard input" if args.file == "-" else args.file
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem(
            f"{source}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    result = rate_request(data, language=args.language)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _fieldwork(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputProblem(f"--fieldwork: '{text}' is not a date as YYYY-MM-DD") from None


def sample_command(args: argparse.Namespace) -> int:
    framework = get_framework(args.framework)
    fieldwork = _fieldwork(args.fieldwork)
    if framework.sampling is None:
        raise InputProblem(f"--framework: {framework.id} has no sampling rules")
    text = _read(args.caseload)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip() for name in (reader.fieldnames or [])]
        if not header:
            raise CaseloadInvalid([CaseloadError("the file is empty: it needs a header row")])
        reader.fieldnames = header
        cases = parse_caseload(reader, header=header, optional_columns=framework.optional_columns)
    except csv.Error as error:
        raise InputProblem(f"{args.caseload}: not a readable CSV file: {error}") from None
    result = draw_sample(framework, cases, fieldwork=fieldwork, seed=args.seed)
    if args.format == "json":
        json.dump(sample_json(framework, result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        write_sample_csv(result, sys.stdout)
        print_sample_summary(framework, result, sys.stderr)
    return 0


CASE_COLUMNS = (
    "population",
    "case_ref",
    "stratum",
    "disposal",
    "disposal_type",
    "start_date",
    "sex",
    "age",
    "ethnicity",
    "rosh",
    "safety_wellbeing",
)


def write_sample_csv(result: SampleResult, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CASE_COLUMNS)
    for population in result.populations:
        for chosen in population.chosen:
            case = chosen.case
            writer.writerow(
                [
                    population.population.id,
                    case.case_ref,
                    " / ".join(chosen.stratum),
                    case.disposal,
                    case.disposal_type,
                    case.start_date.isoformat(),
                    case.sex,
                    case.age,
                    case.ethnicity,
                    case.rosh,
                    case.safety_wellbeing,
                ]
            )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def print_sample_summary(framework: Framework, result: SampleResult, out: TextIO) -> None:
    print(
        f"Sample for {framework.id}, fieldwork {result.fieldwork.isoformat()}, seed {result.seed}; "
        f"strata: {', '.join(result.strata)}",
        file=out,
    )
    for population in result.populations:
        windows = "; ".join(
            f"{disposal} started {start.isoformat()} to {end.isoformat()}"
            for disposal, (start, end) in population.eligible_from.items()
        )
        print(
            f"\n{population.population.title.en}: {population.size} of {population.eligible} "
            f"eligible cases ({windows})",
            file=out,
        )
        print(f"  {'profile':<40} {'population':>14} {'sample':>14}", file=out)
        for name in PROFILE_FIELDS:
            for value, (in_pop, in_sample) in population.profile[name].items():
                print(
                    f"  {name + ': ' + value:<40} "
                    f"{in_pop:>5} {_percent(in_pop, population.eligible):>8} "
                    f"{in_sample:>5} {_percent(in_sample, population.size):>8}",
                    file=out,
                )
    for other in result.not_drawn:
        print(
            f"\n{other.title.en}: not drawn from the caseload (needs a {other.source} list; "
            f"{other.min_size}–{other.max_size} cases)",
            file=out,
        )
    print(f"\nOutside every eligibility window: {result.ineligible} cases", file=out)


def sample_json(framework: Framework, result: SampleResult) -> dict[str, Any]:
    return {
        "framework": framework.id,
        "fieldwork": result.fieldwork.isoformat(),
        "seed": result.seed,
        "strata": list(result.strata),
        "ineligible": result.ineligible,
        "populations": [
            {
                "id": p.population.id,
                "eligible": p.eligible,
                "size": p.size,
                "windows": {
                    disposal: {"from": start.isoformat(), "to": end.isoformat()}
                    for disposal, (start, end) in p.eligible_from.items()
                },
                "cases": [
                    {
                        "case_ref": c.case.case_ref,
                        "stratum": dict(zip(result.strata, c.stratum, strict=True)),
                        "disposal": c.case.disposal,
                        "disposal_type": c.case.disposal_type,
                        "start_date": c.case.start_date.isoformat(),
                        "sex": c.case.sex,
                        "age": c.case.age,
                        "ethnicity": c.case.ethnicity,
                        "rosh": c.case.rosh,
                        "safety_wellbeing": c.case.safety_wellbeing,
                    }
                    for c in p.chosen
                ],
                "profile": {
                    name: {
                        value: {"population": in_pop, "sample": in_sample}
                        for value, (in_pop, in_sample) in values.items()
                    }
                    for name, values in p.profile.items()
                },
            }
            for p in result.populations
        ],
        "not_drawn": [
            {"id": p.id, "source": p.source, "min_size": p.min_size, "max_size": p.max_size}
            for p in result.not_drawn
        ],
    }
