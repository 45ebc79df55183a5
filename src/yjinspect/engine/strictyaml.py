"""Read YAML strictly: a key given twice is refused (PyYAML would keep the last), and values
are walked as :class:`Node` objects that know their path, so every complaint says where it is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import yaml

from .errors import FrameworkError
from .framework import Text

T = TypeVar("T")


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with the same key twice (PyYAML keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise FrameworkError(
                f"the key '{key}' appears twice in one mapping "
                f"(line {key_node.start_mark.line + 1})"
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


class Node:
    """A value from the file with its path, so every complaint can say where it is."""

    def __init__(self, value: Any, path: str, source: str) -> None:
        self.value = value
        self.path = path
        self.source = source

    def fail(self, message: str) -> FrameworkError:
        return FrameworkError(message, path=self.path, source=self.source)

    def mapping(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Node:
        if not isinstance(self.value, dict):
            raise self.fail(f"must be a mapping, not {describe(self.value)}")
        for key in self.value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise self.child(str(key)).fail(f"unknown key (allowed here: {allowed})")
        for key in required:
            if key not in self.value:
                raise self.fail(f"missing required key '{key}'")
        return self

    def child(self, key: str) -> Node:
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, f"{self.path}.{key}" if self.path else key, self.source)

    def optional(self, key: str, convert: Callable[[Node], T]) -> T | None:
        """``convert(child)`` when the key is present and not null, else ``None``."""
        return convert(self.child(key)) if self.has(key) else None

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and self.value.get(key) is not None

    def items(self, *, allow_empty: bool = False) -> Iterator[Node]:
        if not isinstance(self.value, list):
            raise self.fail(f"must be a list, not {describe(self.value)}")
        if not self.value and not allow_empty:
            raise self.fail("must not be empty")
        for index, value in enumerate(self.value):
            yield Node(value, f"{self.path}[{index}]", self.source)

    def as_str(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            hint = " (write ids in quotes: '1.10' would otherwise read as the number 1.1)"
            raise self.fail(
                f"must be text, not {describe(self.value)}"
                + (hint if isinstance(self.value, float | int) else "")
            )
        return self.value.strip()

    def as_int(self, minimum: int | None = None, maximum: int | None = None) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail(f"must be a whole number, not {describe(self.value)}")
        if minimum is not None and self.value < minimum:
            raise self.fail(f"must be at least {minimum}, not {self.value}")
        if maximum is not None and self.value > maximum:
            raise self.fail(f"must be at most {maximum}, not {self.value}")
        return self.value

    def as_fraction(self) -> float:
        if not isinstance(self.value, float | int) or isinstance(self.value, bool):
            raise self.fail(f"must be a number, not {describe(self.value)}")
        if not 0 < self.value < 1:
            raise self.fail(f"must be between 0 and 1 exclusive, not {self.value}")
        return float(self.value)

    def as_bool(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(f"must be true or false, not {describe(self.value)}")
        return self.value

    def as_date(self) -> date:
        if isinstance(self.value, date):
            return self.value
        try:
            return date.fromisoformat(self.as_str())
        except ValueError:
            raise self.fail(f"must be a date as YYYY-MM-DD, not {self.value!r}") from None

    def as_choice(self, options: tuple[str, ...]) -> str:
        value = self.as_str()
        if value not in options:
            raise self.fail(f"'{value}' is not one of: {', '.join(options)}")
        return value

    def as_text(self) -> Text:
        self.mapping(("en", "cy"))
        return Text(en=self.child("en").as_str(), cy=self.child("cy").as_str())


def describe(value: object) -> str:
    """How a YAML value is named in an error message."""
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: f"the text {value!r}",
        bool: f"{value}".lower(),
        int: f"the number {value}",
        float: f"the number {value}",
    }.get(type(value), type(value).__name__)


def read_yaml(text: str, *, source: str) -> Any:
    """Parse YAML text, refusing duplicate keys; errors name ``source``."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except FrameworkError as error:
        raise FrameworkError(error.message, source=source) from None
    except yaml.YAMLError as error:
        raise FrameworkError(f"not valid YAML: {error}", source=source) from None
