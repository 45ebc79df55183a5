"""The package is the product: a wheel built from the source, installed into a fresh
environment (not this checkout), carries its templates, the Welsh catalogue and the built
styles, and serves a Welsh page with them."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

from .test_serve import free_port

ROOT = Path(__file__).resolve().parents[2]


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_the_built_wheel_serves_a_welsh_page_with_its_styles(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(wheels.glob("yjinspect-*.whl"))
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    # The product's dependencies come from this environment's site-packages, after the fresh
    # one's (a path file adds them; this checkout's own editable install is not among them).
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    (fresh / "lib" / version / "site-packages" / "deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    installed = subprocess.run(
        [str(python), "-c", "import yjinspect, os; print(os.path.dirname(yjinspect.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert installed.startswith(str(fresh)), installed  # the wheel's copy, not the checkout's
    package = Path(installed)
    assert (package / "locale" / "cy" / "LC_MESSAGES" / "django.mo").exists()
    assert (package / "static" / "yjinspect" / "app.css").exists()

    env = {
        **os.environ,
        "YJ_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'package.sqlite3'}",
        "YJ_WORKERS": "1",
        "PYTHONPATH": "",
    }
    command = str(fresh / "bin" / "yjinspect")
    subprocess.run([command, "manage", "migrate", "-v", "0"], env=env, check=True, cwd=tmp_path)
    port = free_port()
    serve = subprocess.Popen(
        [command, "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, page = get(port, "/", {"Accept-Language": "cy"})
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("the installed product did not start") from None
                time.sleep(0.2)
        assert status == 200
        assert '<html lang="cy"' in page and "Fframweithiau arolygu" in page
        css = next(part.split('"')[0] for part in page.split('href="')[1:] if ".css" in part)
        status, kind, styles = get(port, css)
        assert status == 200 and kind.startswith("text/css") and ".govuk-" in styles
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
