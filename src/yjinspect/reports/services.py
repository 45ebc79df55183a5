"""Build the report from the inspection's records (ratings from the engine), render it as HTML
and PDF, and publish versions."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
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

from .charts import bar_chart
from .models import PublishedReport

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


@transaction.atomic
def publish(user: User, inspection: Inspection) -> list[PublishedReport]:
    """Publish the next version, in English and Welsh; each PDF's checksum is kept."""
    require(is_lead(inspection, user))
    if not Recommendation.objects.filter(inspection=inspection).exists():
        raise ValidationError(_("Add the recommendations before publishing"))
    from .accuracy import pending

    if pending(inspection):
        raise ValidationError(_("Decide every factual-accuracy comment before publishing"))
    last = PublishedReport.objects.filter(inspection=inspection).aggregate(v=Max("version"))["v"]
    version = (last or 0) + 1
    published = []
    for language in LANGUAGES:
        html = render_html(inspection, language)
        pdf = render_pdf(html)
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
