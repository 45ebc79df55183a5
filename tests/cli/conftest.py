"""Run the CLI in-process and capture what a person would see."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pytest

from yjinspect.cli.main import main


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(monkeypatch, capsys):
    def run(*argv: str, stdin: str = "") -> Ran:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exit:  # argparse usage errors
            code = exit.code
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
