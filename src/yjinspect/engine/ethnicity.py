"""Ethnic groups as data (``policy/ethnicity.yaml``): the Census 2021 categories, the groups
they roll up to, and "not stated" kept apart, so every figure by ethnicity (caseloads, samples,
outcomes, Census denominators) classifies a child's recorded value the same way.

A recorded value is matched by the category's code ("13"), its id ("white_british"), its
English title, or a group's id or title ("white"); case, spaces and hyphens do not matter.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .errors import FrameworkError
from .framework import Text
from .policy import PolicyError, normalise
from .strictyaml import Node, read_yaml

ETHNICITY_FILE = Path(__file__).resolve().parent.parent / "policy" / "ethnicity.yaml"
# The scheme records are stamped with as they are made (the database's default for the
# column): the policy file's ``scheme`` while it is in force (a test keeps them equal).
ETHNICITY_SCHEME = "ons-2021"


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    id: str
    title: Text
    group: str


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class Classification:
    scheme: str  # stored beside each recorded value: "ons-2021"
    groups: tuple[Group, ...]  # in the published order; the reference group among them
    categories: tuple[Category, ...]
    reference: str  # the group every other is compared with (White)
    not_stated: Group
    _lookup: dict[str, str]  # normalised value -> group id (or not_stated's id)

    def group_of(self, value: str) -> str | None:
        """The group a recorded value belongs to, ``not_stated``'s id for a blank or an
        explicit "not stated", or None for a value the scheme does not know."""
        key = normalise(value or "")
        if not key:
            return self.not_stated.id
        return self._lookup.get(key)

    def title(self, group_id: str, language: str = "en") -> str:
        for group in (*self.groups, self.not_stated):
            if group.id == group_id:
                return group.title.get(language)
        return group_id

    @property
    def compared(self) -> tuple[Group, ...]:
        """The groups compared with the reference group (every group but it)."""
        return tuple(g for g in self.groups if g.id != self.reference)


def parse_classification(data: object, *, source: str = "") -> Classification:
    try:
        root = Node(data, "", source).mapping(
            ("scheme", "reference_group", "not_stated", "groups"), ("provenance",)
        )
        groups, categories, lookup = [], [], {}
        for node in root.child("groups").items():
            node.mapping(("id", "title", "categories"))
            group = Group(node.child("id").as_str(), node.child("title").as_text())
            groups.append(group)
            lookup[normalise(group.id)] = group.id
            lookup[normalise(group.title.en)] = group.id
            for item in node.child("categories").items():
                item.mapping(("code", "id", "title"))
                category = Category(
                    item.child("code").as_str(),
                    item.child("id").as_str(),
                    item.child("title").as_text(),
                    group.id,
                )
                categories.append(category)
                for key in (category.code, category.id, category.title.en):
                    if normalise(key) in lookup and lookup[normalise(key)] != group.id:
                        raise item.fail(f"{key!r} already names another group")
                    lookup[normalise(key)] = group.id
        stated = root.child("not_stated").mapping(("id", "title"), ("also",))
        not_stated = Group(stated.child("id").as_str(), stated.child("title").as_text())
        lookup[normalise(not_stated.id)] = not_stated.id
        lookup[normalise(not_stated.title.en)] = not_stated.id
        for also in stated.optional("also", lambda n: [i.as_str() for i in n.items()]) or []:
            lookup[normalise(also)] = not_stated.id
        reference = root.child("reference_group").as_str()
        if reference not in {g.id for g in groups}:
            raise root.child("reference_group").fail("must be one of the groups' ids")
        return Classification(
            scheme=root.child("scheme").as_str(),
            groups=tuple(groups),
            categories=tuple(categories),
            reference=reference,
            not_stated=not_stated,
            _lookup=lookup,
        )
    except PolicyError:
        raise
    except FrameworkError as error:
        raise PolicyError(error.message, path=error.path, source=error.source) from None


@functools.cache
def classification() -> Classification:
    text = ETHNICITY_FILE.read_text(encoding="utf-8")
    return parse_classification(
        read_yaml(text, source=str(ETHNICITY_FILE)), source=str(ETHNICITY_FILE)
    )
