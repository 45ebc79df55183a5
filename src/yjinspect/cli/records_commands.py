"""CLI commands about the records kept: checking the audit trail, applying the retention
policy, and a subject-access export."""

from __future__ import annotations

import argparse
import json
import sys

from .app_commands import setup_django


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="check the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser(
        "verify",
        help="check every audit event against its hash and the event before it",
        description="Exits 0 when the chain is whole; otherwise names the first broken link "
        "and exits 1.",
    )
    verify.set_defaults(handler=verify_command)

    retention = commands.add_parser("retention", help="apply the retention policy")
    retention_commands = retention.add_subparsers(dest="retention_command", required=True)
    apply = retention_commands.add_parser(
        "apply",
        help="remove (or, with --dry-run, count) what the retention policy says has been kept "
        "long enough",
    )
    mode = apply.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    mode.add_argument("--execute", action="store_true", help="remove it (audited)")
    apply.set_defaults(handler=retention_command)

    subject = commands.add_parser(
        "subject-access",
        help="everything held about a case reference at a service, as JSON",
    )
    subject.add_argument("service", help="the service's name (or number)")
    subject.add_argument("case_ref", help="the service's case reference")
    subject.set_defaults(handler=subject_access_command)

    pack = commands.add_parser(
        "boardpack",
        help="write a service's board data pack for a quarter (PDF, or HTML)",
        description="The pack is written as PDF unless the file name ends in .html.",
    )
    pack.add_argument("service", help="the service's name (or number)")
    pack.add_argument("--quarter", required=True, help="e.g. 2025Q3 (July to September 2025)")
    pack.add_argument("--language", choices=["en", "cy"], default="en")
    pack.add_argument("-o", "--output", required=True, help="the file to write, e.g. pack.pdf")
    pack.set_defaults(handler=boardpack_command)

    token = commands.add_parser("token", help="API tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    create = token_commands.add_parser(
        "create",
        help="make an API token for a person and print it (shown once)",
        description="The token acts as the person, with their permissions, until it expires "
        "or they revoke it on their account's API tokens page.",
    )
    create.add_argument("username", help="whose token it is")
    create.add_argument("--name", default="Made at the command line", help="what it is for")
    create.add_argument("--days", type=int, default=None, help="days until it expires")
    create.set_defaults(handler=token_command)


def verify_command(args: argparse.Namespace) -> int:
    setup_django()
    from yjinspect.audit.chain import verify

    checked, broken = verify()
    if broken is None:
        print(f"The audit trail is whole: {checked} events checked.")
        return 0
    where = f"event {broken.event_id}" if broken.event_id else "its end"
    print(f"The audit trail is broken at {where}: {broken.reason}.")
    print(f"The {checked} events before it check out.")
    return 1


def retention_command(args: argparse.Namespace) -> int:
    setup_django()
    from yjinspect.records.retention import apply

    outcomes = apply(execute=args.execute)
    verb = "Removed" if args.execute else "Would remove"
    for outcome in outcomes:
        print(f"{verb} {outcome.count}: {outcome.description}")
    if not args.execute:
        print("Nothing was changed (a dry run). Run with --execute to remove it.")
    return 0


def subject_access_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.exceptions import ValidationError

    from yjinspect.records.subject_access import gather
    from yjinspect.services.services import find_service

    try:
        held = gather(None, find_service(args.service), args.case_ref)
    except ValidationError as error:
        print(" ".join(error.messages), file=sys.stderr)
        return 2
    json.dump(held, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def boardpack_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.exceptions import ValidationError

    from yjinspect.boardpack import pack
    from yjinspect.quarters import Quarter
    from yjinspect.services.services import find_service

    try:
        service = find_service(args.service)
        quarter = Quarter.parse(args.quarter)
    except ValidationError as error:
        print(" ".join(error.messages), file=sys.stderr)
        return 2
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    built = pack.build(service, quarter, args.language)
    as_html = args.output.lower().endswith((".html", ".htm"))
    content = pack.render_html(built).encode() if as_html else pack.render_pdf(built)
    try:
        with open(args.output, "wb") as out:
            out.write(content)
    except OSError as error:
        print(f"Cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote the {quarter} board pack for {service.name} to {args.output}.")
    return 0


def token_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from yjinspect.accounts import tokens

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        print(f"No such person: {args.username}", file=sys.stderr)
        return 2
    try:
        token, key = tokens.create(user, name=args.name, days=args.days)
    except ValidationError as error:
        print(" ".join(error.messages), file=sys.stderr)
        return 2
    print(key)
    print(f"Expires {token.expires_at:%d/%m/%Y %H:%M} UTC.", file=sys.stderr)
    return 0
