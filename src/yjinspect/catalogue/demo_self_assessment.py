"""The demonstration service's self-assessment against national standard 2 (at court), as the
2023 round asked of every service: run through the same services the pages use (caseload from
the service's records, the sample, the assessments, the ratings, the sign-off), so an
inspection announced after it takes its result as data in advance."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from yjinspect.cases import assessment, sampling
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection, Status
from yjinspect.ratings import services as ratings
from yjinspect.selfassessment import services as self_assessment
from yjinspect.services.models import YouthJusticeService

# How often each question of the operational part is met in the demo's audit: the reports to
# court are good, the child's understanding of court less so.
MET = {"2.2.1": 0.85, "2.2.2": 0.75, "2.2.3": 0.55}


def load_self_assessment(
    service: YouthJusticeService, manager: Any, staff: Any, today: date
) -> Inspection | None:
    """Once: a service that has a self-assessment already is left as it is."""
    if self_assessment.of_service(service).exists():
        return None
    run = self_assessment.start(
        manager,
        service,
        framework_id="yjb-ns-2019",
        standards=["2"],
        audit_start=today - timedelta(days=20),
        audit_end=today - timedelta(days=6),
    )
    inspections.assign_team_member(manager, run, staff, "local_assessor")
    for stage in (Status.DATA_IN_ADVANCE, Status.SAMPLING):
        if stage is Status.SAMPLING:
            self_assessment.take_caseload(manager, run)
        inspections.advance_status(manager, run, stage)
    run = Inspection.objects.get(pk=run.pk)
    sampling.draw(manager, run, seed=2023)
    sampling.allocate(manager, run)
    inspections.advance_status(manager, run, Status.FIELDWORK)
    rng = random.Random(2023)
    standard = run.framework.standard("2.2")
    for sampled in sampling.current_sample(run):
        assessment.save(
            sampled.assessor,
            sampled,
            standard,
            kind="first",
            version=0,
            answers={
                kq: assessment.AnswerInput("yes" if rng.random() < share else "no", "Case record.")
                for kq, share in MET.items()
            },
            case_manager_present=True,
            submit=True,
        )
    inspections.advance_status(manager, run, Status.MODERATION)
    run = Inspection.objects.get(pk=run.pk)
    ratings.record_judgement(
        manager,
        run,
        "2.1",
        rating="good",
        reasons="A court officer in every youth court; bail support offered in every remand case.",
    )
    inspections.advance_status(manager, run, Status.RATED)
    run = Inspection.objects.get(pk=run.pk)
    ratings.sign_off(manager, run)
    return run
