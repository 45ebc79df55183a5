"""CLI commands that move data in and out for scripted use: exports of an inspection's
ratings and of the open-data release, and verifying a release by recomputing its ratings."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

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
    release = kinds.add_parser(
        "open-data",
        help="the open-data release of published inspections: ratings.json, ratings.csv, "
        "schema.json and dictionary.csv in a folder",
    )
    release.add_argument("-o", "--output", required=True, help="the folder to write into")
    release.set_defaults(handler=export_open_data_command)

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
