"""Which standards of one framework version correspond to which of another, as data: the
same standard, one split into several, several merged into one, or none. Re-inspection (and
later national trends) compare only what corresponds; where nothing does, they say so.

A crosswalk file links two versions (``crosswalks/<from>--<to>.yaml``). Between versions with
no file of their own, the links are followed through the versions in between, in the order
they came into force: 2018 → 2021 → 2025.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum

from .errors import FrameworkError
from .framework import Framework
from .loader import FRAMEWORKS_DIR, get_framework
from .strictyaml import Node, read_yaml

CROSSWALKS_DIR = FRAMEWORKS_DIR / "crosswalks"


class Correspondence(StrEnum):
    SAME = "same"  # one standard, the same in both
    SPLIT = "split"  # one earlier standard became several
    MERGED = "merged"  # several earlier standards became one
    NONE = "none"  # no counterpart on the other side


@dataclass(frozen=True, slots=True)
class Link:
    earlier: tuple[str, ...]
    later: tuple[str, ...]
    kind: Correspondence


@dataclass(frozen=True, slots=True)
class Crosswalk:
    earlier_id: str
    later_id: str
    standards: tuple[Link, ...]
    key_questions: tuple[Link, ...]
    provenance: str

    def for_later(self, standard_id: str) -> Link:
        """What the later version's standard corresponds to in the earlier one."""
        for link in self.standards:
            if standard_id in link.later:
                return link
        return Link((), (standard_id,), Correspondence.NONE)

    def for_earlier(self, standard_id: str) -> Link:
        for link in self.standards:
            if standard_id in link.earlier:
                return link
        return Link((standard_id,), (), Correspondence.NONE)


def _parse_links(node: Node, earlier: Framework, later: Framework, what: str) -> tuple[Link, ...]:
    known_earlier = (
        {s.id for s in earlier.standards}
        if what == "standard"
        else {kq.id for s in earlier.standards for kq in s.key_questions}
    )
    known_later = (
        {s.id for s in later.standards}
        if what == "standard"
        else {kq.id for s in later.standards for kq in s.key_questions}
    )
    links: list[Link] = []
    seen_earlier: dict[str, str] = {}
    seen_later: dict[str, str] = {}
    for item in node.items():
        item.mapping(("earlier", "later", "kind"))
        kind = Correspondence(item.child("kind").as_choice(tuple(k.value for k in Correspondence)))
        sides = {}
        for side, known, seen, version in (
            ("earlier", known_earlier, seen_earlier, earlier.id),
            ("later", known_later, seen_later, later.id),
        ):
            ids = tuple(n.as_str() for n in item.child(side).items(allow_empty=True))
            for index, ident in enumerate(ids):
                where = item.child(side)
                if ident not in known:
                    raise Node(None, f"{where.path}[{index}]", where.source).fail(
                        f"'{ident}' is not a {what} of {version}"
                    )
                if ident in seen:
                    raise Node(None, f"{where.path}[{index}]", where.source).fail(
                        f"{what} '{ident}' is linked twice (first at {seen[ident]})"
                    )
                seen[ident] = item.path
            sides[side] = ids
        count = (len(sides["earlier"]), len(sides["later"]))
        fits = {
            Correspondence.SAME: count == (1, 1),
            Correspondence.SPLIT: count[0] == 1 and count[1] >= 2,
            Correspondence.MERGED: count[0] >= 2 and count[1] == 1,
            Correspondence.NONE: sorted(count) == [0, 1],
        }[kind]
        if not fits:
            raise item.child("kind").fail(
                f"'{kind.value}' does not fit {count[0]} earlier and {count[1]} later "
                f"{what}(s): same is one to one, split one to several, merged several to one, "
                "none one to nothing"
            )
        links.append(Link(sides["earlier"], sides["later"], kind))
    if what == "standard":
        # Every standard is placed, so a missing counterpart is a decision, not an oversight.
        for known, seen, version in (
            (known_earlier, seen_earlier, earlier.id),
            (known_later, seen_later, later.id),
        ):
            unplaced = sorted(known - set(seen))
            if unplaced:
                raise node.fail(
                    f"no link for {version}'s {', '.join(unplaced)}: give each standard its "
                    "counterpart, or 'none'"
                )
    return tuple(links)


def parse_crosswalk(data: object, *, source: str = "") -> Crosswalk:
    root = Node(data, "", source).mapping(
        ("earlier", "later", "provenance", "standards"), ("key_questions",)
    )
    try:
        earlier = get_framework(root.child("earlier").as_str())
        later = get_framework(root.child("later").as_str())
    except FrameworkError as error:
        raise root.fail(error.message) from None
    if earlier.in_force_from >= later.in_force_from:
        raise root.child("later").fail(f"must come into force after {earlier.id}")
    return Crosswalk(
        earlier_id=earlier.id,
        later_id=later.id,
        standards=_parse_links(root.child("standards"), earlier, later, "standard"),
        key_questions=(
            _parse_links(root.child("key_questions"), earlier, later, "key question")
            if root.has("key_questions")
            else ()
        ),
        provenance=root.child("provenance").as_str(),
    )


@functools.cache
def _files() -> dict[tuple[str, str], Crosswalk]:
    found: dict[tuple[str, str], Crosswalk] = {}
    for path in sorted(CROSSWALKS_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        walk = parse_crosswalk(read_yaml(text, source=str(path)), source=str(path))
        if path.stem != f"{walk.earlier_id}--{walk.later_id}":
            raise FrameworkError(
                f"the file name must be '{walk.earlier_id}--{walk.later_id}.yaml'",
                source=str(path),
            )
        found[(walk.earlier_id, walk.later_id)] = walk
    return found


def installed_crosswalks() -> tuple[Crosswalk, ...]:
    return tuple(_files().values())


@functools.cache
def get_crosswalk(earlier_id: str, later_id: str) -> Crosswalk:
    """The links from ``earlier_id`` to ``later_id``: a file's own, or composed through the
    versions in force in between. Raises FrameworkError when no chain of files joins them."""
    files = _files()
    if (earlier_id, later_id) in files:
        return files[(earlier_id, later_id)]
    earlier, later = get_framework(earlier_id), get_framework(later_id)
    if earlier.in_force_from >= later.in_force_from:
        raise FrameworkError(f"{earlier_id} is not earlier than {later_id}")
    # Try the versions with a file from here, the one that came into force soonest first.
    steps = sorted(
        (get_framework(b).in_force_from, b)
        for (a, b) in files
        if a == earlier_id and get_framework(b).in_force_from < later.in_force_from
    )
    for _, middle in steps:
        try:
            return _compose(files[(earlier_id, middle)], get_crosswalk(middle, later_id))
        except FrameworkError:
            continue
    raise FrameworkError(f"no crosswalk joins {earlier_id} to {later_id}")


def _compose(first: Crosswalk, second: Crosswalk) -> Crosswalk:
    """Follow each later standard back through the middle version to the earliest, then
    link each group of earliest standards to everything it became."""
    later = get_framework(second.later_id)
    became: dict[tuple[str, ...], list[str]] = {}
    links: list[Link] = []
    placed: set[str] = set()
    for standard in later.standards:
        middle = second.for_later(standard.id).earlier
        earliest = tuple(dict.fromkeys(e for m in middle for e in first.for_later(m).earlier))
        if not earliest:
            links.append(Link((), (standard.id,), Correspondence.NONE))
            continue
        became.setdefault(earliest, []).append(standard.id)
        placed.update(earliest)
    for earliest, later_ids in became.items():
        if len(earliest) > 1:
            kind = Correspondence.MERGED
        elif len(later_ids) > 1:
            kind = Correspondence.SPLIT
        else:
            kind = Correspondence.SAME
        links.append(Link(earliest, tuple(later_ids), kind))
    earlier = get_framework(first.earlier_id)
    links.extend(
        Link((s.id,), (), Correspondence.NONE) for s in earlier.standards if s.id not in placed
    )
    return Crosswalk(
        earlier_id=first.earlier_id,
        later_id=second.later_id,
        standards=tuple(links),
        key_questions=(),
        provenance=f"composed: {first.provenance} / {second.provenance}",
    )
