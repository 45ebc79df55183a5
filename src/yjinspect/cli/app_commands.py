"""CLI commands that run the Django application: demo, serve, and a pass-through to Django's
management commands."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
from collections.abc import Sequence

SETTINGS = "yjinspect.settings"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="migrate the database and load the demonstration data with its sign-ins",
        description="Demo sign-ins get the password in YJ_DEMO_PASSWORD, or a new random "
        "one each time, printed at the end.",
    )
    demo.set_defaults(handler=demo_command)
    serve = commands.add_parser("serve", help="run the production web server (gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("YJ_WORKERS", "3")))
    serve.set_defaults(handler=serve_command)
    messages = commands.add_parser(
        "messages", help="update the Welsh translation catalogue (development; needs Babel)"
    )
    messages.add_argument(
        "--check", action="store_true", help="only report strings without Welsh; change nothing"
    )
    messages.set_defaults(handler=messages_command)
    commands.add_parser(
        "manage", help="run a Django management command, e.g. 'yjinspect manage migrate'"
    )


def setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()


def manage(argv: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yjinspect manage", *argv])
    return 0


def demo_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from yjinspect.catalogue.demo import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    password = os.environ.get("YJ_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    users = load_demo(password)
    print("Demonstration data loaded.")
    print(f"Sign in at http://127.0.0.1:8000/sign-in/ with password: {password}")
    print(f"User names: {', '.join(users)}")
    return 0


def serve_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    argv = [
        gunicorn,
        "yjinspect.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    print(f"Serving yjinspect on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    os.execv(gunicorn, argv)


def messages_command(args: argparse.Namespace) -> int:
    from yjinspect import translations

    if args.check:
        found = [p for language in translations.LANGUAGES for p in translations.problems(language)]
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    for path in translations.update():
        print(f"wrote {path}")
    return 0
