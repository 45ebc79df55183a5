"""The caseload profile a report describes: shares by age band, sex, ethnicity and disposal,
and the headline sentence ("79% aged 15–17, 87% male, 98% white")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .caseload import CaseRecord
from .framework import AgeBand
from .sampling import age_band

PROFILE_FIELDS = ("age_band", "sex", "ethnicity", "disposal_type")


@dataclass(frozen=True, slots=True)
class Share:
    value: str
    count: int
    percent: int  # whole per cent, rounded to nearest (halves up), as reports print them


@dataclass(frozen=True, slots=True)
class CaseloadProfile:
    total: int
    fields: dict[str, tuple[Share, ...]]  # largest share first

    def largest(self, field: str) -> Share | None:
        shares = self.fields.get(field, ())
        return shares[0] if shares else None


# How an optional column (care status, say) reads where the service left it empty.
NOT_RECORDED = "not recorded"


def caseload_profile(
    cases: Sequence[CaseRecord], bands: Sequence[AgeBand], optional: Sequence[str] = ()
) -> CaseloadProfile:
    """Shares of the caseload by each profile field, and by each of the framework's optional
    columns (care status) that the caseload carries."""
    total = len(cases)
    fields: dict[str, tuple[Share, ...]] = {}
    carried = [name for name in optional if any(name in case.extra for case in cases)]
    for name in (*PROFILE_FIELDS, *carried):
        counts = Counter(
            age_band(case.age, bands)
            if name == "age_band"
            else (case.extra.get(name) or NOT_RECORDED)
            if name in carried
            else case.value(name)
            for case in cases
        )
        fields[name] = tuple(
            Share(value, count, (count * 200 + total) // (total * 2) if total else 0)
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        )
    return CaseloadProfile(total=total, fields=fields)


_HEADLINE = {
    "en": ("{percent}% aged {value}", "{percent}% {value}", ", "),
    "cy": ("{percent}% yn {value} oed", "{percent}% {value}", ", "),
}


def headline(
    profile: CaseloadProfile, language: str = "en", name: Callable[[str], str] = str
) -> str:
    """The largest age band, sex and ethnicity, as a report's notes put them; ``name`` gives
    a value's name in ``language`` ("male" → "gwryw")."""
    aged, plain, joiner = _HEADLINE["cy" if language == "cy" else "en"]
    parts = []
    for field in ("age_band", "sex", "ethnicity"):
        share = profile.largest(field)
        if share is not None:
            template = aged if field == "age_band" else plain
            value = share.value if field == "age_band" else name(share.value)
            parts.append(template.format(percent=share.percent, value=value))
    return joiner.join(parts)
