"""Build the report from the inspection's records (ratings from the engine), render it as HTML
and PDF, and publish versions."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.cases.models import Sample
from yjinspect.engine import Basis
from yjinspect.engine.profile import headline
from yjinspect.findings.models import DomainSummary, Finding, Recommendation
from yjinspect.findings.services import profile_of
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.services import is_lead, require
from yjinspect.ratings.services import live_ratings
from yjinspect.tasks import run_in_background

from .charts import bar_chart
from .models import PublishedReport, PublishJob

LANGUAGES = ("en", "cy")


def context(inspection: Inspection, language: str) -> dict[str, Any]:
    """Everything the report shows, in ``language``."""
    with translation.override("cy" if language == "cy" else "en-gb"):
        framework = inspection.framework
        ratings = live_ratings(inspection, language)
        profile = profile_of(inspection)
        findings: dict[str, list[Finding]] = {}
        for finding in Finding.objects.filter(inspection=inspection):
            findings.setdefault(finding.standard_id, []).append(finding)
        titles = {
            "age_band": _("Age"),
            "sex": _("Sex"),
            "ethnicity": _("Ethnicity"),
            "disposal_type": _("Disposal"),
        }
        charts = (
            [
                (
                    titles[name],
                    bar_chart(
                        _("Caseload by %(field)s") % {"field": titles[name].lower()},
                        [(share.value, share.percent) for share in shares],
                    ),
                    shares,
                )
                for name, shares in profile.fields.items()
            ]
            if profile.total
            else []
        )
        sample = Sample.objects.filter(inspection=inspection).first()
        return {
            "inspection": inspection,
            "framework": framework,
            "lang": language,
            "ratings": ratings.json,
            "case_standards": [s for s in framework.standards if s.basis is Basis.CASE],
            "findings": findings,
            "summaries": {
                s.domain_id: s.text for s in DomainSummary.objects.filter(inspection=inspection)
            },
            "recommendations": list(Recommendation.objects.filter(inspection=inspection)),
            "profile": profile,
            "headline": headline(profile, language),
            "charts": charts,
            "sample": sample,
        }


def render_html(inspection: Inspection, language: str) -> str:
    with translation.override("cy" if language == "cy" else "en-gb"):
        return render_to_string("reports/report.html", context(inspection, language))


def render_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the report HTML."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _check_publishable(user: User, inspection: Inspection) -> None:
    require(is_lead(inspection, user))
    if not Recommendation.objects.filter(inspection=inspection).exists():
        raise ValidationError(_("Add the recommendations before publishing"))
    from .accuracy import pending

    if pending(inspection):
        raise ValidationError(_("Decide every factual-accuracy comment before publishing"))


def _render_all(
    inspection: Inspection, job: PublishJob | None = None
) -> list[tuple[str, str, bytes]]:
    """(language, html, pdf) for every language, counting each step on the job if given."""
    rendered = []
    for language in LANGUAGES:
        html = render_html(inspection, language)
        _step(job)
        rendered.append((language, html, render_pdf(html)))
        _step(job)
    return rendered


def _step(job: PublishJob | None) -> None:
    if job is not None:  # saved at once, outside any transaction, so the page can show it
        PublishJob.objects.filter(pk=job.pk).update(steps_done=F("steps_done") + 1)


@transaction.atomic
def _save(
    user: User, inspection: Inspection, rendered: list[tuple[str, str, bytes]]
) -> list[PublishedReport]:
    last = PublishedReport.objects.filter(inspection=inspection).aggregate(v=Max("version"))["v"]
    version = (last or 0) + 1
    published = []
    for language, html, pdf in rendered:
        report = PublishedReport.objects.create(
            inspection=inspection,
            version=version,
            language=language,
            html=html,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            published_by=user,
        )
        record(
            user,
            "report.published",
            report,
            inspection_id=inspection.pk,
            version=version,
            language=language,
            sha256=report.sha256,
        )
        published.append(report)
    return published


def publish(user: User, inspection: Inspection) -> list[PublishedReport]:
    """Publish the next version, in English and Welsh, now; each PDF's checksum is kept."""
    _check_publishable(user, inspection)
    return _save(user, inspection, _render_all(inspection))


def start_publishing(user: User, inspection: Inspection) -> PublishJob:
    """Check, then render and publish in the background; the job reports progress."""
    _check_publishable(user, inspection)
    if PublishJob.objects.filter(inspection=inspection, state=PublishJob.State.RUNNING).exists():
        raise ValidationError(_("A version is already being published"))
    job = PublishJob.objects.create(
        inspection=inspection, requested_by=user, steps_total=2 * len(LANGUAGES)
    )
    run_in_background(run_publishing, job.pk)
    return job


def run_publishing(job_id: int) -> None:
    job = PublishJob.objects.select_related("inspection", "requested_by").get(pk=job_id)
    try:
        published = _save(job.requested_by, job.inspection, _render_all(job.inspection, job))
    except Exception as error:
        PublishJob.objects.filter(pk=job_id).update(
            state=PublishJob.State.FAILED, error=str(error)[:2000]
        )
        raise
    PublishJob.objects.filter(pk=job_id).update(
        state=PublishJob.State.DONE, version=published[0].version
    )
