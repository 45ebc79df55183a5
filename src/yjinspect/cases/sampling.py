"""Draw the inspection's sample with the engine, replace a case with a recorded reason, and
allocate cases to assessors."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yjinspect.accounts.models import Role
from yjinspect.audit.services import record
from yjinspect.engine import draw_sample
from yjinspect.engine.sampling import MAIN_STRATA, pick_replacement
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection, TeamMember
from yjinspect.inspections.permissions import require
from yjinspect.notifications.services import notify
from yjinspect.versioning import StaleRecord, claim

from . import victims
from .models import Case, CaseAssessment, Sample, SampledCase

ASSESSING_ROLES = (Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.LOCAL_ASSESSOR, Role.PARTNER_INSPECTOR)


@transaction.atomic
def draw(user: User, inspection: Inspection, seed: int | None = None) -> Sample:
    """Draw the sample from the imported caseload; the seed is recorded."""
    require(user, "sample.change", inspection)
    check_stage(inspection, Operation.DRAW_SAMPLE)
    if Sample.objects.filter(inspection=inspection).exists():
        raise ValidationError(_("The sample has already been drawn"))
    cases = list(Case.objects.filter(inspection=inspection, source=victims.CASELOAD))
    if not cases:
        raise ValidationError(_("Import the caseload before drawing the sample"))
    listed = list(victims.listed(inspection))
    if victims.victim_populations(inspection.framework) and not listed:
        raise ValidationError(_("Import the victims list before drawing the sample"))
    seed = secrets.randbelow(1_000_000) if seed is None else seed
    # The children's sample from the caseload; in 2025, the victims' from the victims list.
    drawn = [
        (
            draw_sample(
                inspection.framework,
                [c.as_record() for c in rows],
                fieldwork=inspection.fieldwork_start,
                seed=seed,
                source=source,
            ),
            {c.case_ref: c for c in rows},
        )
        for source, rows in ((victims.CASELOAD, cases), (victims.VICTIMS, listed))
        if rows
    ]
    # A case drawn for two populations (a national standards' audit, where they overlap) is
    # one sampled case, assessed for both.
    by_case: dict[int, SampledCase] = {}
    for result, by_ref in drawn:
        for population in result.populations:
            for picked in population.chosen:
                case = by_ref[picked.case.case_ref]
                if case.pk in by_case:
                    by_case[case.pk].also_for.append(population.population.id)
                    continue
                by_case[case.pk] = SampledCase(
                    inspection=inspection,
                    case=case,
                    population=population.population.id,
                    stratum=" / ".join(picked.stratum),
                )
    chosen = list(by_case.values())
    if not chosen:
        raise ValidationError(_("No case in the caseload falls inside the eligibility windows"))
    SampledCase.objects.bulk_create(chosen)
    summary = {
        p.population.id: {
            "eligible": p.eligible,
            "size": p.size,
            "windows": {d: [a.isoformat(), b.isoformat()] for d, (a, b) in p.eligible_from.items()},
            "profile": {
                field: {v: list(c) for v, c in vals.items()} for field, vals in p.profile.items()
            },
            # What the sample page shows of how the sample was drawn.
            "windows_count": p.windows_count,
            "working": {
                "confidence": p.working.confidence,
                "margin": p.working.margin,
                "share": p.working.share,
                "z": round(p.working.z, 3),
                "infinite": round(p.working.infinite, 1),
                "corrected": round(p.working.corrected, 1),
                "min_size": p.working.min_size,
                "max_size": p.working.max_size,
                "held_by": p.working.held_by,
            },
        }
        for result, _by_ref in drawn
        for p in result.populations
    }
    sample = Sample.objects.create(inspection=inspection, seed=seed, drawn_by=user, summary=summary)
    record(user, "sample.drawn", sample, inspection_id=inspection.pk, seed=seed, cases=len(chosen))
    return sample


def current_sample(inspection: Inspection) -> Any:
    """The sampled cases still in the sample (replaced ones excluded)."""
    return (
        SampledCase.objects.filter(inspection=inspection, replaced_reason="")
        .select_related("case", "assessor", "second_assessor")
        .order_by("population", "case__case_ref")
    )


@transaction.atomic
def replace(
    user: User, sampled: SampledCase, reason: str, *, version: int | None = None
) -> SampledCase:
    """Take a case out of the sample with a reason and put in one from the same stratum (or,
    when that has no one left, of the same disposal type)."""
    inspection = sampled.inspection
    require(user, "sample.change", inspection)
    check_stage(inspection, Operation.REPLACE_CASE)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Enter why the case is being replaced"))
    claim(sampled, version)  # two replacements of one case: the second is stale
    if sampled.is_replaced:
        raise ValidationError(_("This case has already been replaced"))
    if sampled.assessments.exists():
        raise ValidationError(_("This case has assessments; it cannot be replaced"))
    sample = Sample.objects.get(inspection=inspection)
    framework = inspection.framework
    assert framework.sampling is not None  # a sample was drawn
    in_sample = set(
        SampledCase.objects.filter(inspection=inspection).values_list("case_id", flat=True)
    )
    population = next(p for p in framework.sampling.populations if p.id == sampled.population)
    strata_fields = population.strata or framework.sampling.strata

    def stratum_of(case: Case) -> str:
        return " / ".join(case.as_record().value(f) for f in strata_fields)

    def main_of(case: Case) -> tuple[str, ...]:
        return tuple(case.as_record().value(f) for f in MAIN_STRATA)

    pool = [
        c
        for c in Case.objects.filter(
            inspection=inspection, source=population.source, disposal__in=list(population.windows)
        )
        if c.pk not in in_sample and _eligible(inspection, population, c)
    ]
    # From the same stratum; if none is left there, from the same disposal type, so the
    # disposal types keep their proportional shares.
    candidates = [c for c in pool if stratum_of(c) == sampled.stratum] or [
        c for c in pool if main_of(c) == main_of(sampled.case)
    ]
    by_ref = {c.case_ref: c for c in candidates}
    pick = pick_replacement(
        [c.as_record() for c in candidates], seed=sample.seed, replacing=sampled.case.case_ref
    )
    if pick is None:
        raise ValidationError(
            _("No other eligible case of the same disposal type is left to replace it")
        )
    sampled.replaced_reason = reason
    sampled.save(update_fields=["replaced_reason"])
    try:
        with transaction.atomic():
            replacement = SampledCase.objects.create(
                inspection=inspection,
                case=by_ref[pick.case_ref],
                population=sampled.population,
                # It serves the other standards the replaced case served where it is relevant.
                also_for=[
                    p.id
                    for p in framework.sampling.populations
                    if p.id in sampled.also_for and _eligible(inspection, p, by_ref[pick.case_ref])
                ],
                stratum=stratum_of(by_ref[pick.case_ref]),
                replaces=sampled,
                assessor=sampled.assessor,
            )
    except IntegrityError:  # the same replacement picked for another case at that moment
        raise StaleRecord(_("Another case was replaced at the same moment: try again.")) from None
    record(
        user,
        "sample.case_replaced",
        sampled,
        inspection_id=inspection.pk,
        case=sampled.case.case_ref,
        replacement=pick.case_ref,
        reason=reason,
    )
    return replacement


def _eligible(inspection: Inspection, population: Any, case: Case) -> bool:
    from yjinspect.engine.sampling import eligible_between

    window = population.windows.get(case.disposal)
    if window is None:
        return False
    start, end = eligible_between(inspection.fieldwork_start, window)
    return bool(start <= case.start_date <= end) and population.admits_type(case.disposal_type)


@transaction.atomic
def allocate(user: User, inspection: Inspection) -> int:
    """Give each unallocated case to the assessor with the fewest, so counts stay balanced."""
    require(user, "sample.change", inspection)
    check_stage(inspection, Operation.ALLOCATE)
    # The lead assesses only when nobody else on the team can.
    team = assessors_of(inspection)
    assessors = [m for m in team if m.role != Role.LEAD_INSPECTOR] or team
    if not assessors:
        raise ValidationError(_("Add inspectors or local assessors to the team first"))
    cases = current_sample(inspection)
    load = Counter({m.user_id: 0 for m in assessors})
    load.update(c.assessor_id for c in cases if c.assessor_id in load)
    given = Counter[int]()
    for sampled in cases:
        if sampled.assessor_id is None:
            least = min(load, key=lambda uid: (load[uid], uid))
            sampled.assessor_id = least
            sampled.save(update_fields=["assessor"])
            load[least] += 1
            given[least] += 1
    record(
        user,
        "sample.allocated",
        inspection,
        inspection_id=inspection.pk,
        cases=given.total(),
        to={str(uid): n for uid, n in given.items()},
    )
    _tell_assessors(inspection, given)
    return given.total()


def assessors_of(inspection: Inspection) -> list[TeamMember]:
    """The team members a case can be given to."""
    return list(
        TeamMember.objects.filter(inspection=inspection, role__in=ASSESSING_ROLES)
        .select_related("user")
        .order_by("user__username")
    )


@transaction.atomic
def reallocate(user: User, inspection: Inspection, chosen: dict[int, int]) -> int:
    """Give cases to the named team members (sampled case id → person id). A case whose
    first assessment is submitted stays with its assessor. Each person given cases is told."""
    require(user, "sample.change", inspection)
    check_stage(inspection, Operation.ALLOCATE)
    allowed = {m.user_id: m.user for m in assessors_of(inspection)}
    cases = {c.pk: c for c in current_sample(inspection).select_related("case", "assessor")}
    given = Counter[int]()
    moves: dict[str, dict[str, str]] = {}
    for sampled_id, person_id in chosen.items():
        sampled = cases.get(sampled_id)
        if sampled is None:
            raise ValidationError(_("No such case in the sample"))
        if person_id not in allowed:
            raise ValidationError(
                _("Case %(case)s: choose someone on the team who assesses cases")
                % {"case": sampled.case.case_ref}
            )
        if sampled.assessor_id == person_id:
            continue
        if sampled.assessments.filter(
            kind=CaseAssessment.Kind.FIRST, state=CaseAssessment.State.SUBMITTED
        ).exists():
            raise ValidationError(
                _("Case %(case)s is already assessed by %(person)s: it stays with them")
                % {"case": sampled.case.case_ref, "person": sampled.assessor}
            )
        moves[sampled.case.case_ref] = {
            "before": sampled.assessor.get_username() if sampled.assessor else "",
            "after": allowed[person_id].get_username(),
        }
        sampled.assessor_id = person_id
        sampled.save(update_fields=["assessor"])
        given[person_id] += 1
    if moves:
        record(user, "sample.reallocated", inspection, inspection_id=inspection.pk, cases=moves)
        _tell_assessors(inspection, given)
    return given.total()


def rebalance(user: User, inspection: Inspection) -> int:
    """Even out the cases nobody has started between the team's assessors (the lead only if
    nobody else assesses): move one at a time from the busiest to the least busy until no one
    has more than one case above anyone else, or only started cases are left to move. Returns
    how many cases moved; the moves are audited and each person given cases is told."""
    require(user, "sample.change", inspection)
    check_stage(inspection, Operation.ALLOCATE)
    team = assessors_of(inspection)
    assessors = [m.user_id for m in team if m.role != Role.LEAD_INSPECTOR] or [
        m.user_id for m in team
    ]
    if not assessors:
        raise ValidationError(_("Add inspectors or local assessors to the team first"))
    cases = list(current_sample(inspection))
    started = set(
        CaseAssessment.objects.filter(sampled_case__in=cases).values_list(
            "sampled_case_id", flat=True
        )
    )
    load = Counter(dict.fromkeys(assessors, 0))
    movable: dict[int, list[int]] = {uid: [] for uid in assessors}
    for sampled in cases:
        if sampled.assessor_id in load:
            load[sampled.assessor_id] += 1
            if sampled.pk not in started:
                movable[sampled.assessor_id].append(sampled.pk)
    chosen: dict[int, int] = {}
    while True:
        busiest = max(
            (uid for uid in assessors if movable[uid]), key=lambda u: load[u], default=None
        )
        least = min(assessors, key=lambda u: (load[u], u))
        if busiest is None or load[busiest] - load[least] <= 1:
            break
        chosen[movable[busiest].pop()] = least
        load[busiest] -= 1
        load[least] += 1
    return reallocate(user, inspection, chosen) if chosen else 0


def _tell_assessors(inspection: Inspection, given: Counter[int]) -> None:
    """Each person given cases hears how many, with a link to their cases."""
    link = reverse("cases:my_cases", args=[inspection.pk])

    def told(count: int) -> Callable[[], str]:
        return lambda: (
            ngettext(
                "%(n)s case to assess was given to you: %(service)s",
                "%(n)s cases to assess were given to you: %(service)s",
                count,
            )
            % {"n": count, "service": inspection.service.name}
        )

    for person in User.objects.filter(pk__in=[uid for uid, n in given.items() if n]):
        notify([person], told(given[person.pk]), link)
