"""The engine imports nothing from Django (or any web layer), so it stays fast and reusable."""

from __future__ import annotations

import ast
from pathlib import Path

import yjinspect.engine

ENGINE = Path(yjinspect.engine.__file__).parent
ALLOWED_THIRD_PARTY = {"yaml"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_engine_imports_only_the_standard_library_and_yaml():
    import sys

    for path in ENGINE.glob("*.py"):
        outside = {
            name
            for name in imported_modules(path)
            if name not in sys.stdlib_module_names and name != "__future__"
        }
        assert outside <= ALLOWED_THIRD_PARTY, f"{path.name} imports {outside}"
