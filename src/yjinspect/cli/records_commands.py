"""CLI commands about the records kept: checking the audit trail."""

from __future__ import annotations

import argparse

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
