"""Saved column profiles for a service's caseload exports, and the shipped examples: chosen when
a caseload is uploaded, written as plain lines on the profiles page."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.engine.mapping import ColumnMapping, ProfileError, parse_profile, shipped_profiles
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require

from .models import CaseloadProfile

SAVED, EXAMPLE = "saved:", "example:"


def choices(inspection: Inspection) -> list[tuple[str, str]]:
    """What an upload may be read with: the service's saved profiles, then the examples."""
    saved = [
        (f"{SAVED}{p.pk}", p.name)
        for p in CaseloadProfile.objects.filter(service_id=inspection.service_id)
    ]
    examples = [(f"{EXAMPLE}{name}", name) for name in shipped_profiles()]
    return [*saved, *examples]


def chosen(inspection: Inspection, key: str) -> ColumnMapping | None:
    """The profile a choice names (None: the file uses our own column names)."""
    if not key:
        return None
    if key.startswith(EXAMPLE):
        found = shipped_profiles().get(key.removeprefix(EXAMPLE))
        if found is not None:
            return found
    elif key.startswith(SAVED) and key.removeprefix(SAVED).isdigit():
        saved = CaseloadProfile.objects.filter(
            service_id=inspection.service_id, pk=int(key.removeprefix(SAVED))
        ).first()
        if saved is not None:
            try:
                return parse_profile(saved.mapping)
            except ProfileError as error:  # saved by an older version with other rules
                raise ValidationError(
                    {"profile": _("The profile cannot be used: %(problem)s") % {"problem": error}}
                ) from None
    raise ValidationError({"profile": _("Choose one of the profiles offered")})


def shown(inspection: Inspection) -> list[tuple[str, str, str, str]]:
    """Every profile offered, with its lines: (key, name, columns, codes)."""
    found = []
    for key, name in choices(inspection):
        mapping = chosen(inspection, key)
        assert mapping is not None  # every offered key names a profile
        found.append((key, name, *as_lines(mapping)))
    return found


def as_lines(mapping: ColumnMapping) -> tuple[str, str]:
    """A profile as the two blocks of lines the page edits."""
    columns = "\n".join(f"{theirs} = {ours}" for theirs, ours in mapping.columns.items())
    codes = "\n".join(
        f"{column}: {theirs} = {ours}"
        for column, by_code in mapping.codes.items()
        for theirs, ours in by_code.items()
    )
    return columns, codes


def _pairs(text: str, field: str) -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        left, equals, right = line.partition("=")
        if not equals or not left.strip() or not right.strip():
            raise ValidationError(
                {field: _("Line %(n)s: write it as “theirs = ours”") % {"n": number}}
            )
        found.append((number, left.strip(), right.strip()))
    return found


@transaction.atomic
def save(
    user: User, inspection: Inspection, *, name: str, columns: str, codes: str
) -> CaseloadProfile:
    """Save (or replace) the service's profile called ``name`` from the page's lines."""
    require(user, "caseload.import", inspection)
    data: dict[str, object] = {
        "name": name.strip(),
        "columns": {theirs: ours for _n, theirs, ours in _pairs(columns, "columns")},
    }
    by_column: dict[str, dict[str, str]] = {}
    for number, left, ours in _pairs(codes, "codes"):
        column, colon, theirs = left.partition(":")
        if not colon or not theirs.strip():
            raise ValidationError(
                {"codes": _("Line %(n)s: write it as “column: theirs = ours”") % {"n": number}}
            )
        by_column.setdefault(column.strip(), {})[theirs.strip()] = ours
    if by_column:
        data["codes"] = by_column
    if not data["name"]:
        raise ValidationError({"name": _("Name the profile")})
    try:
        mapping = parse_profile(data)
    except ProfileError as error:
        raise ValidationError(
            _("The profile cannot be used: %(problem)s") % {"problem": error}
        ) from None
    profile, created = CaseloadProfile.objects.update_or_create(
        service_id=inspection.service_id,
        name=mapping.name,
        defaults={"mapping": mapping.as_data(), "updated_by": user},
    )
    record(
        user,
        "caseload.profile_saved",
        profile,
        inspection_id=inspection.pk,
        name=mapping.name,
        created=created,
        mapping=mapping.as_data(),
    )
    return profile
