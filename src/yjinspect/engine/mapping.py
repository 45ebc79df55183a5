"""Column-mapping profiles: how a case-management system's caseload export (its column names
and codes) becomes our caseload. A profile renames columns and translates codes, nothing
more: a column it does not name keeps its own name, so a name, date of birth or address in the
export is still refused by the caseload's own check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .caseload import REQUIRED_COLUMNS, _key
from .errors import FrameworkError
from .strictyaml import Node, read_yaml

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
# Columns a profile may map to: the caseload's, and the optional ones frameworks use.
TARGETS = (*REQUIRED_COLUMNS, "care_status")


class ProfileError(FrameworkError):
    """A profile that cannot be used; the message names the field."""


@dataclass(frozen=True)
class ColumnMapping:
    name: str
    # Their column heading → our column (headings compared without case or spacing).
    columns: Mapping[str, str]
    # Our column → their code → our value (codes compared without case or spacing).
    codes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    description: str = ""

    def apply(
        self, header: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> tuple[list[str], list[list[str]]]:
        """The file as our caseload: headings renamed, codes translated; the rest untouched."""
        by_key = {_key(theirs): ours for theirs, ours in self.columns.items()}
        renamed = [by_key.get(_key(heading), heading) for heading in header]
        codes = {
            index: {_key(k): v for k, v in self.codes[column].items()}
            for index, column in enumerate(renamed)
            if column in self.codes
        }
        translated = [
            [
                codes[index].get(_key(cell), cell) if index in codes else cell
                for index, cell in enumerate(row)
            ]
            for row in rows
        ]
        return renamed, translated

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "columns": dict(self.columns)}
        if self.codes:
            data["codes"] = {k: dict(v) for k, v in self.codes.items()}
        if self.description:
            data["description"] = self.description
        return data


def parse_profile(data: object, *, source: str = "") -> ColumnMapping:
    """A profile from plain data, every field checked; errors name the field."""
    try:
        root = Node(data, "", source).mapping(("name", "columns"), ("codes", "description"))
        columns_node = root.child("columns")
        if not isinstance(columns_node.value, dict) or not columns_node.value:
            raise columns_node.fail("must map at least one of their column names to ours")
        columns = {
            str(theirs): columns_node.child(str(theirs)).as_choice(TARGETS)
            for theirs in columns_node.value
        }
        targets = list(columns.values())
        for ours in set(targets):
            if targets.count(ours) > 1:
                raise columns_node.fail(f"two of their columns map to {ours}")
        codes: dict[str, dict[str, str]] = {}
        if root.has("codes"):
            codes_node = root.child("codes")
            if not isinstance(codes_node.value, dict):
                raise codes_node.fail("must map our column names to their codes")
            for ours in codes_node.value:
                column = codes_node.child(str(ours))
                if str(ours) not in TARGETS:
                    raise column.fail(f"unknown column (have: {', '.join(TARGETS)})")
                if not isinstance(column.value, dict) or not column.value:
                    raise column.fail("must map their codes to our values")
                codes[str(ours)] = {
                    str(theirs): column.child(str(theirs)).as_str() for theirs in column.value
                }
        return ColumnMapping(
            name=root.child("name").as_str(),
            columns=columns,
            codes=codes,
            description=root.optional("description", Node.as_str) or "",
        )
    except FrameworkError as error:
        raise ProfileError(error.message, path=error.path, source=source) from None


def shipped_profiles() -> dict[str, ColumnMapping]:
    """The example profiles shipped with the product, by name."""
    found = {}
    for path in sorted(PROFILES_DIR.glob("*.yaml")):
        data = read_yaml(path.read_text("utf-8"), source=str(path))
        profile = parse_profile(data, source=str(path))
        found[profile.name] = profile
    return found
