"""CLI commands that move data in and out for scripted use: exports of an inspection's
ratings and of the open-data release, and verifying a release by recomputing its ratings."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .app_commands import setup_django

MAX_DOWNLOAD = 200 * 1024 * 1024  # a release of every inspection is a few megabytes


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="write ratings or the open-data release to files")
    kinds = export.add_subparsers(dest="export_command", required=True)
    ratings = kinds.add_parser(
        "ratings", help="an inspection's ratings and key-question results (CSV, Excel or JSON)"
    )
    ratings.add_argument("inspection", type=int, help="the inspection's number")
    ratings.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    ratings.add_argument("--language", choices=("en", "cy"), default="en")
    ratings.add_argument("-o", "--output", required=True, help="the file to write")
    ratings.set_defaults(handler=export_ratings_command)
    book = kinds.add_parser(
        "workbook", help="an assessor's offline assessment workbook (Excel), as the page gives it"
    )
    book.add_argument("inspection", type=int, help="the inspection's number")
    book.add_argument("--as", dest="username", required=True, help="whose cases (the assessor)")
    book.add_argument("--language", choices=("en", "cy"), default="en")
    book.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    book.set_defaults(handler=export_workbook_command)
    release = kinds.add_parser(
        "open-data",
        help="the open-data release of published inspections: ratings.json, ratings.csv, "
        "schema.json and dictionary.csv in a folder",
    )
    release.add_argument("-o", "--output", required=True, help="the folder to write into")
    release.set_defaults(handler=export_open_data_command)

    imports = commands.add_parser("import", help="bring data in, as the pages do")
    import_kinds = imports.add_subparsers(dest="import_command", required=True)
    caseload = import_kinds.add_parser(
        "caseload",
        help="check an inspection's caseload file (CSV or XLSX) and import it all or nothing",
        description="Checked exactly as on the caseload page, as the person named: every "
        "problem is printed by column and rows, and a file with any problem imports nothing "
        "(exit 1).",
    )
    caseload.add_argument("inspection", type=int, help="the inspection's number")
    caseload.add_argument("file", help="the caseload file, .csv or .xlsx")
    caseload.add_argument("--as", dest="username", required=True, help="who imports it (its lead)")
    caseload.add_argument(
        "--profile",
        default="",
        help="a column profile for a case-management system's export: the name of the "
        "service's saved profile or a shipped example, or a profile's .yaml file",
    )
    caseload.set_defaults(handler=import_caseload_command)
    brought = import_kinds.add_parser(
        "workbook",
        help="bring an offline assessment workbook back: show every change and conflict, and "
        "with --apply save them all or none",
    )
    brought.add_argument("inspection", type=int, help="the inspection's number")
    brought.add_argument("file", help="the filled-in .xlsx")
    brought.add_argument("--as", dest="username", required=True, help="its assessor")
    brought.add_argument("--apply", action="store_true", help="save the changes (else a preview)")
    brought.set_defaults(handler=import_workbook_command)
    victims = import_kinds.add_parser(
        "victims", help="replace a 2025 inspection's victims list (CSV or XLSX), all or nothing"
    )
    victims.add_argument("inspection", type=int, help="the inspection's number")
    victims.add_argument("file", help="the victims list, .csv or .xlsx")
    victims.add_argument("--as", dest="username", required=True, help="who imports it (its lead)")
    victims.set_defaults(handler=import_victims_command)
    population = import_kinds.add_parser(
        "population",
        help="the Census 2021 children aged 10 to 17 by ethnicity per service (CSV: service, "
        "ethnicity, children), all or nothing",
    )
    population.add_argument("file", help="the CSV file")
    population.add_argument("--as", dest="username", required=True, help="who imports it (admin)")
    population.set_defaults(handler=import_population_command)

    verify = commands.add_parser(
        "verify",
        help="recompute every rating in an open-data release (a file or a URL) and name any "
        "difference",
        description="Exits 0 when every recomputed rating, score and overall equals the "
        "published one, 1 when any differs, 2 when the file cannot be read. Needs no database.",
    )
    verify.add_argument("source", help="ratings.json, or its URL")
    verify.set_defaults(handler=verify_command)


def export_ratings_command(args: argparse.Namespace) -> int:
    setup_django()
    from yjinspect.exports import csv_text, xlsx_bytes
    from yjinspect.inspections.models import Inspection
    from yjinspect.ratings import tables

    inspection = Inspection.objects.filter(pk=args.inspection).first()
    if inspection is None:
        print(f"No inspection {args.inspection}", file=sys.stderr)
        return 2
    out = Path(args.output)
    if args.format == "json":
        body = json.dumps(tables.as_json(inspection, args.language), ensure_ascii=False, indent=1)
        return _write(out, body.encode())
    rows = tables.table(inspection, args.language)
    if args.format == "xlsx":
        return _write(out, xlsx_bytes("Ratings", tables.HEADER, rows))
    return _write(out, csv_text(tables.HEADER, rows).encode())


def export_open_data_command(args: argparse.Namespace) -> int:
    setup_django()
    from yjinspect.exports import csv_text
    from yjinspect.opendata import release

    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"Cannot make {folder}: {error.strerror}", file=sys.stderr)
        return 2
    document = release.document()
    files = {
        "ratings.json": json.dumps(document, ensure_ascii=False, indent=1),
        "ratings.csv": csv_text([c[0] for c in release.COLUMNS], release.rows()),
        "schema.json": json.dumps(release.json_schema(), indent=1),
        "dictionary.csv": csv_text(
            ["column", "type", "meaning"], [(n, k, str(m)) for n, k, m in release.COLUMNS]
        ),
    }
    for name, body in files.items():
        if _write(folder / name, body.encode()):
            return 2
    print(f"{len(document['inspections'])} published inspections written to {folder}")
    return 0


def _write(path: Path, body: bytes) -> int:
    try:
        path.write_bytes(body)
    except OSError as error:
        print(f"Cannot write {path}: {error.strerror}", file=sys.stderr)
        return 2
    return 0


def import_caseload_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from yjinspect.cases import caseload, profiles
    from yjinspect.cases.models import CaseloadProfile
    from yjinspect.engine.mapping import ProfileError, parse_profile, shipped_profiles
    from yjinspect.engine.strictyaml import read_yaml
    from yjinspect.inspections.models import Inspection

    user = get_user_model().objects.filter(username=args.username).first()
    inspection = Inspection.objects.filter(pk=args.inspection).first()
    if user is None or inspection is None:
        print("No such person or inspection", file=sys.stderr)
        return 2
    mapping = None
    try:
        if args.profile.endswith(".yaml"):
            text = Path(args.profile).read_text(encoding="utf-8")
            mapping = parse_profile(read_yaml(text, source=args.profile), source=args.profile)
        elif args.profile:
            saved = CaseloadProfile.objects.filter(
                service_id=inspection.service_id, name=args.profile
            ).first()
            mapping = (
                parse_profile(saved.mapping) if saved else shipped_profiles().get(args.profile)
            )
            if mapping is None:
                names = [name for _key, name in profiles.choices(inspection)]
                print(f"No profile {args.profile!r} (have: {', '.join(names)})", file=sys.stderr)
                return 2
        with open(args.file, "rb") as handle:
            upload = caseload.check_upload(user, inspection, args.file, handle, mapping)
        if upload.problems:
            for problem in upload.problems:
                rows = ", ".join(str(r) for r in problem.get("rows", []) if r is not None)
                where = f" (rows {rows})" if rows else ""
                print(f"{problem.get('column') or 'file'}: {problem['message']}{where}")
            print("Nothing was imported.")
            return 1
        caseload.confirm_import(user, upload)
    except (OSError, ProfileError) as error:
        print(
            f"Cannot use {args.file if isinstance(error, OSError) else args.profile}: {error}",
            file=sys.stderr,
        )
        return 2
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        print(text or "You may not import this inspection's caseload", file=sys.stderr)
        return 2
    upload.refresh_from_db()
    print(f"{upload.rows_total} cases checked; import {upload.get_state_display().lower()}.")
    return 0


def _person_and_inspection(args: argparse.Namespace) -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from yjinspect.inspections.models import Inspection

    user = get_user_model().objects.filter(username=args.username).first()
    inspection = Inspection.objects.filter(pk=args.inspection).first()
    if user is None or inspection is None:
        print("No such person or inspection", file=sys.stderr)
    return user, inspection


def export_workbook_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from yjinspect.cases import workbook
    from yjinspect.inspections.permissions import may

    user, inspection = _person_and_inspection(args)
    if user is None or inspection is None:
        return 2
    if not may(user, "cases.view", inspection):
        print(f"{args.username} does not assess cases in this inspection", file=sys.stderr)
        return 2
    try:
        body = workbook.export(user, inspection, args.language)
    except (ValidationError, PermissionDenied) as error:
        print(" ".join(getattr(error, "messages", [str(error)])), file=sys.stderr)
        return 2
    return _write(Path(args.output), body)


def import_workbook_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.exceptions import ValidationError

    from yjinspect.cases import workbook

    user, inspection = _person_and_inspection(args)
    if user is None or inspection is None:
        return 2
    try:
        with open(args.file, "rb") as handle:
            brought = workbook.upload(user, inspection, Path(args.file).name, handle)
    except OSError as error:
        print(f"Cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    for problem in brought.problems:
        print(f"Refused: {problem}")
    if brought.problems:
        return 1
    for kind, items in (
        ("conflict (kept as it is online)", brought.conflicts),
        ("change", brought.changes),
    ):
        for c in items:
            before, after = c["before"] or "–", c["after"] or "–"
            print(f"{kind}: {c['case_ref']} {c['standard']} {c['what']}: {before} -> {after}")
    if not args.apply:
        counts = f"{len(brought.changes)} changes, {len(brought.conflicts)} conflicts"
        print(f"{counts}; nothing saved (use --apply).")
        return 0
    try:
        saved = workbook.apply(user, brought)
    except ValidationError as error:
        print(" ".join(error.messages), file=sys.stderr)
        return 1
    print(f"{saved} assessments saved.")
    return 0


def import_victims_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError

    from yjinspect.cases import victims

    user, inspection = _person_and_inspection(args)
    if user is None or inspection is None:
        return 2
    try:
        with open(args.file, "rb") as handle:
            count = victims.import_victims(user, inspection, args.file, handle)
    except OSError as error:
        print(f"Cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except (ValidationError, PermissionDenied) as error:
        print(" ".join(getattr(error, "messages", [str(error)])), file=sys.stderr)
        return 1
    print(f"{count} victims listed.")
    return 0


def import_population_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from yjinspect.national.disproportionality import import_population

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        print("No such person", file=sys.stderr)
        return 2
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
        count = import_population(user, text)
    except (OSError, UnicodeDecodeError) as error:
        print(f"Cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    except (ValidationError, PermissionDenied) as error:
        print("\n".join(getattr(error, "messages", [str(error)])), file=sys.stderr)
        return 1
    print(f"Census figures imported for {count} service(s).")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    from yjinspect.engine.opendata import verify

    try:
        if args.source.startswith(("http://", "https://")):
            with urllib.request.urlopen(args.source, timeout=60) as answer:
                text = answer.read(MAX_DOWNLOAD).decode("utf-8")
        else:
            text = Path(args.source).read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, urllib.error.URLError, UnicodeDecodeError, ValueError) as error:
        print(f"Cannot read {args.source}: {error}", file=sys.stderr)
        return 2
    if not isinstance(document, dict):
        print(f"{args.source} is not an open-data release (a JSON object)", file=sys.stderr)
        return 2
    checked, differences = verify(document)
    for difference in differences:
        print(difference)
    if differences:
        print(f"{len(differences)} differences in {checked} inspections.")
        return 1
    print(f"{checked} inspections checked: every recomputed rating equals the published one.")
    return 0
