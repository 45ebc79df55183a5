"""The ``yjinspect`` command: engine commands that need no database, and admin commands that
run the Django application. Bad input ends with exit code 2 and one clear message, never a
traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from yjinspect.engine import EngineError

from . import app_commands, data_commands, engine_commands, records_commands

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """A command-line value is wrong; the message names the option."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yjinspect",
        description="Inspect and quality-assure youth justice services.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    engine_commands.register(commands)
    app_commands.register(commands)
    records_commands.register(commands)
    data_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `manage` hands everything after it to Django untouched (argparse would eat its options).
    if args_list[:1] == ["manage"]:
        return app_commands.manage(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        result: int = args.handler(args)
    except (EngineError, engine_commands.InputProblem) as error:
        print(f"yjinspect: error: {error}", file=sys.stderr)
        for extra in getattr(error, "problems", [])[1:20]:
            print(f"yjinspect: error: {extra}", file=sys.stderr)
        problems = getattr(error, "problems", [])
        if len(problems) > 20:
            print(f"yjinspect: ... and {len(problems) - 20} more", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `yjinspect sample ... | head`
        return 0
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
