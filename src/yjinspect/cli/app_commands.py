"""CLI commands that run the Django application: demo, serve, and a pass-through to Django's
management commands."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
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
    demo.add_argument(
        "dataset",
        nargs="?",
        choices=["national"],
        help="'national': add a synthetic national dataset (services, inspections, answers, "
        "published ratings, plans and KPI returns) for the national picture and its benchmarks",
    )
    demo.add_argument("--services", type=int, default=150, help="national: how many services")
    demo.add_argument("--years", type=int, default=7, help="national: how many years, to this one")
    demo.add_argument("--seed", type=int, default=1, help="national: the same seed, the same data")
    demo.set_defaults(handler=demo_command)
    serve = commands.add_parser("serve", help="run the production web server (gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("YJ_WORKERS", "3")))
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start a background-job worker beside the web server (run "
        "'yjinspect worker' separately, as production does)",
    )
    serve.set_defaults(handler=serve_command)
    worker = commands.add_parser(
        "worker",
        help="run background jobs (publishing, imports, e-mail, reminders) until stopped",
        description="Runs the jobs in the database queue, marks jobs whose worker died as "
        "failed or ready to retry, and starts the scheduled reminders. Run one or more.",
    )
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between looks at the queue"
    )
    worker.set_defaults(handler=worker_command)
    totp = commands.add_parser(
        "totp",
        help="print the current two-factor code for a base32 key, as an authenticator app would",
    )
    totp.add_argument("secret", help="the base32 key, e.g. the one 'yjinspect demo' prints")
    totp.set_defaults(handler=totp_command)
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

    if args.dataset == "national":
        return national_command(args)

    from yjinspect.catalogue.demo import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    from django.core.exceptions import ValidationError

    from yjinspect.accounts.two_factor import key_from_secret, new_secret

    password = os.environ.get("YJ_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    secret = os.environ.get("YJ_DEMO_TOTP_SECRET") or new_secret()
    try:
        key_from_secret(secret)
    except ValidationError as error:
        print(f"YJ_DEMO_TOTP_SECRET: {' '.join(error.messages)}", file=sys.stderr)
        return 2
    users = load_demo(password, secret)
    print("Demonstration data loaded.")
    print(f"Sign in at http://127.0.0.1:8000/sign-in/ with password: {password}")
    print(f"User names: {', '.join(users)}")
    print(f"Two-factor key (add it to an authenticator app): {secret}")
    print(f"  or get the current code with: yjinspect totp {secret}")
    return 0


def national_command(args: argparse.Namespace) -> int:
    import time

    from django.core.management import call_command

    from yjinspect.catalogue.demo_national import load_national

    if not (1 <= args.services <= 2000 and 1 <= args.years <= 15):
        print("--services must be 1 to 2000 and --years 1 to 15", file=sys.stderr)
        return 2
    call_command("migrate", interactive=False, verbosity=0)
    began = time.monotonic()
    try:
        loaded = load_national(args.services, args.years, args.seed)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(
        f"National dataset loaded in {time.monotonic() - began:.0f} s: {loaded.services} "
        f"services, {loaded.inspections} inspections ({loaded.published} published), "
        f"{loaded.cases} cases, {loaded.answers} key-question answers, "
        f"{loaded.measure_values} KPI values."
    )
    return 0


def totp_command(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    setup_django()
    from yjinspect.accounts.two_factor import code_now

    try:
        print(code_now(args.secret))
    except ValidationError as error:
        print(" ".join(error.messages), file=sys.stderr)
        return 2
    return 0


def serve_command(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    # Gunicorn from this Python's own packages, whether or not its scripts are on PATH.
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "yjinspect.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    print(f"Serving yjinspect on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    if args.no_worker:
        os.execv(sys.executable, argv)
    # The server first: if it cannot start, no worker is left running without it.
    server = subprocess.Popen(argv)
    worker = subprocess.Popen([sys.executable, "-m", "yjinspect.cli.main", "worker"])
    print(f"Background jobs: worker process {worker.pid}", flush=True)

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)  # so the children are stopped below, not orphaned

    signal.signal(signal.SIGTERM, stop)
    try:
        return server.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        for child in (server, worker):  # the web server first: no new jobs, then the worker
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()


def worker_command(args: argparse.Namespace) -> int:
    """The queue's worker (django_tasks_db's db_worker) and, beside it, housekeeping: reaping
    abandoned jobs and starting scheduled ones."""
    import threading

    setup_django()
    from django.core.management import call_command

    from yjinspect.jobs.queue import housekeeping_loop

    stop = threading.Event()
    housekeeping = threading.Thread(
        target=housekeeping_loop, args=(stop,), name="yj-housekeeping", daemon=True
    )
    housekeeping.start()
    try:
        call_command("db_worker", interval=args.interval, startup_delay=False, verbosity=1)
    finally:
        stop.set()
    return 0


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
