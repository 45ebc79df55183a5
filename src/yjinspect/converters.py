"""URL converters and form-value parsers that keep hostile ids away from the database: an id
is 1 to 19 digits and fits a 64-bit column, or the URL does not match (404) and the form
value is refused with a message (never an OverflowError or a 500)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed id column (SQLite and PostgreSQL)
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: object) -> int | None:
    """The id, or None when the value is not one a record could have."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def posted_id(data: Mapping[str, str], name: str) -> int:
    """A record's id from a submitted form, or a ValidationError the person sees."""
    number = parse_id(data.get(name))
    if number is None:
        raise ValidationError(_("That choice is not valid: choose again from the page."))
    return number


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # no match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class RatingsExportConverter:
    regex = "csv|xlsx|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ExportKindConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
