"""`yjinspect serve` runs the web server with a background-job worker beside it, and stopping
it stops both (nothing left running)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> dict[int, str]:
    """A process's live children, by pid, with their command lines (from /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError):
            continue
    return {child: line.decode() for child, line in found.items()}


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_serve_starts_a_worker_and_stops_it_with_the_server(tmp_path):
    command = shutil.which("yjinspect", path=os.path.dirname(sys.executable)) or "yjinspect"
    env = {
        **os.environ,
        "YJ_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "YJ_WORKERS": "1",
    }
    env.pop("YJ_TASKS_EAGER", None)
    subprocess.run([command, "manage", "migrate", "-v", "0"], env=env, check=True)
    port = free_port()
    serve = subprocess.Popen(
        [command, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            # A refused or timed-out try must still close its socket: an unclosed one is a
            # ResourceWarning, which this suite treats as an error.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            try:
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
                break
            except OSError:
                time.sleep(0.2)
            finally:
                conn.close()
        else:
            raise AssertionError("the server did not start")
        assert status == 200
        children = children_of(serve.pid)
        assert any(" worker" in c for c in children.values()), children
        assert any("gunicorn" in c for c in children.values()), children
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        time.sleep(0.5)
        assert [child for child in children if alive(child)] == []
    finally:
        if serve.poll() is None:
            serve.kill()
