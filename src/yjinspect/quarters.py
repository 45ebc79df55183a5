"""Calendar quarters as the board pack names them: 2025Q3 is 1 July to 30 September 2025."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER = re.compile(r"^(\d{4})[ -]?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        found = QUARTER.match(text.strip())
        if not found:
            raise ValueError(
                _("Give the quarter as year and quarter, like 2025Q3 (July to September)")
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self} ({self.start:%d/%m/%Y} – {self.end:%d/%m/%Y})"


RECENT = 8  # how many quarters back the forms offer


def recent_quarters(today: date | None = None) -> list[Quarter]:
    """The quarter now and the ones before it, newest first."""
    quarter = Quarter.containing(today or timezone.localdate())
    found = []
    for _n in range(RECENT):
        found.append(quarter)
        quarter = quarter.previous()
    return found
