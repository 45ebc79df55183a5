"""What the report's sections say beyond ratings and findings, each built from the record:
the contextual facts (from the data in advance), the views of children, parents or carers and
victims (from consented evidence: counts and the standards they informed, never a person),
the inspection team and partner inspectorates, and the annex explaining the ratings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from yjinspect.accounts.models import PartnerInspectorate, Role
from yjinspect.cases.models import CASELOAD, Case
from yjinspect.engine import Framework
from yjinspect.fieldwork.models import Consent, EvidenceItem, Source
from yjinspect.inspections.models import Inspection, TeamMember
from yjinspect.values import value_name

# Views and the consent each rests on.
VIEW_SOURCES = {
    Source.CHILD: Consent.Person.CHILD,
    Source.PARENT: Consent.Person.PARENT,
    Source.VICTIM: Consent.Person.VICTIM,
}


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def contextual_facts(inspection: Inspection) -> list[Fact]:
    """The service and its caseload as the data in advance gave them."""
    service = inspection.service
    cases = Case.objects.filter(inspection=inspection, source=CASELOAD)
    total = cases.count()
    facts = [
        Fact(_("Local authorities covered"), ", ".join(service.local_authority_list)),
        Fact(_("Nation"), str(service.get_nation_display())),
        Fact(_("Children in the caseload"), str(total)),
    ]
    if total:
        for disposal, count in sorted(Counter(cases.values_list("disposal", flat=True)).items()):
            facts.append(
                Fact(
                    _("Of which: %(disposal)s") % {"disposal": value_name(disposal)},
                    _("%(n)s (%(percent)s%%)")
                    % {"n": count, "percent": round(100 * count / total)},
                )
            )
        span = cases.aggregate(first=Min("start_date"), last=Max("start_date"))
        facts.append(
            Fact(
                _("Start dates in the caseload"),
                _("%(first)s to %(last)s")
                % {
                    "first": span["first"].strftime("%d/%m/%Y"),
                    "last": span["last"].strftime("%d/%m/%Y"),
                },
            )
        )
    board = service.board_members.count()
    facts.append(Fact(_("Members of the management board"), str(board)))
    partners = sorted({c.organisation for c in service.partner_contacts.all()})
    if partners:
        facts.append(Fact(_("Partner organisations with a named contact"), ", ".join(partners)))
    return facts


@dataclass(frozen=True)
class Views:
    people: list[tuple[str, int]]  # (who, how many gave their view with consent)
    themes: list[tuple[str, int]]  # (standard, how many views informed it)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.people)


def views(inspection: Inspection, language: str) -> Views:
    """Views given with consent that still stands (a withdrawn consent's evidence is gone)."""
    given = Consent.objects.filter(inspection=inspection, withdrawn_at__isnull=True)
    by_person = Counter(given.values_list("person", flat=True))
    labels = dict(Consent.Person.choices)
    people = [(str(labels[p]), by_person[p]) for p in VIEW_SOURCES.values() if by_person[p]]
    evidence = EvidenceItem.objects.filter(
        inspection=inspection, source__in=list(VIEW_SOURCES), consent__withdrawn_at__isnull=True
    )
    framework = inspection.framework
    by_standard = Counter(evidence.values_list("standard_id", flat=True))
    themes = [
        (f"{sid} {framework.standard(sid).title.get(language)}", n)
        for sid, n in sorted(by_standard.items())
        if framework.has_standard(sid)
    ]
    return Views(people, themes)


@dataclass(frozen=True)
class Team:
    roles: list[tuple[str, int]]  # (role, how many)
    partners: list[str]  # the partner inspectorates that took part
    by_nation: list[str]  # who inspects alongside in this nation (framework data)


def team(inspection: Inspection, framework: Framework, language: str) -> Team:
    members = TeamMember.objects.filter(inspection=inspection).select_related("user__profile")
    roles = Counter(m.get_role_display() for m in members)
    names = dict(PartnerInspectorate.choices)
    partners = sorted(
        {
            str(names[m.user.profile.partner_inspectorate])
            for m in members
            if m.role == Role.PARTNER_INSPECTOR
            and hasattr(m.user, "profile")
            and m.user.profile.partner_inspectorate
        }
    )
    by_nation = [
        text.get(language)
        for text in framework.partner_inspectorates.get(inspection.service.nation, ())
    ]
    return Team(sorted((str(r), n) for r, n in roles.items()), partners, by_nation)


def annex(framework: Framework, language: str) -> dict[str, Any]:
    """How ratings are reached, from the framework's own data."""
    return {
        "levels": [(level.title.get(language), level.points) for level in framework.scale],
        "case_bands": [
            (framework.level(band.rating).title.get(language), band.min_percent)
            for band in framework.case_bands
        ],
        "overall_bands": [
            (framework.level(band.rating).title.get(language), band.min_score, band.max_score)
            for band in framework.overall_bands
        ],
        "score_max": framework.score_max,
    }
