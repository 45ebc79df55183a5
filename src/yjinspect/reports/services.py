"""Build the report from the inspection's records (ratings from the engine), render it as HTML
and PDF, and publish versions."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from yjinspect.alerts.services import report_summary
from yjinspect.audit.services import record
from yjinspect.cases.models import Sample
from yjinspect.engine.profile import headline
from yjinspect.findings.models import DomainSummary, Finding, Recommendation
from yjinspect.findings.services import profile_of
from yjinspect.inspections import lifecycle
from yjinspect.inspections.lifecycle import Operation, StageError, requirement
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.inspections.services import mark_published
from yjinspect.jobs.queue import heartbeat, reap, reaper, step_pause
from yjinspect.ratings.models import SignOff
from yjinspect.ratings.services import current_sign_off, shown_ratings
from yjinspect.values import value_name

from . import sections
from .charts import bar_chart
from .content import check_languages, content_of, languages_of
from .models import PublishedReport, PublishJob

LANGUAGES = ("en", "cy")


# Where the text checksum goes in a published version's HTML: the checksum is of the HTML
# with this left empty, so anyone holding the page can check it.
CHECKSUM_MARK = "@@text-sha256@@"


def context(
    inspection: Inspection,
    language: str,
    ratings: dict[str, Any] | None = None,
    publication: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the report shows, in ``language``; the ratings are the given (signed-off)
    ones when publishing, else those people see now (live, or the published copy).
    ``publication`` (version, date) is the version being published; a draft has none."""
    with translation.override("cy" if language == "cy" else "en-gb"):
        framework = inspection.framework
        ratings = ratings if ratings is not None else shown_ratings(inspection, language)
        profile = profile_of(inspection)
        findings: dict[str, list[Finding]] = {}
        for finding in Finding.objects.filter(inspection=inspection):
            findings.setdefault(finding.standard_id, []).append(finding)
        titles = {
            "age_band": _("Age"),
            "sex": _("Sex"),
            "ethnicity": _("Ethnicity"),
            "disposal_type": _("Disposal"),
            "care_status": _("Care status"),
        }
        charts = (
            [
                (
                    titles.get(name, name),
                    bar_chart(
                        _("Caseload by %(field)s") % {"field": titles.get(name, name).lower()},
                        [(value_name(share.value), share.percent) for share in shares],
                    ),
                    shares,
                )
                for name, shares in profile.fields.items()
            ]
            if profile.total
            else []
        )
        return {
            "inspection": inspection,
            "framework": framework,
            "lang": language,
            "title": report_title(inspection, language),
            "ratings": ratings,
            "content": content_of(inspection),
            "findings": findings,
            "summaries": {
                s.domain_id: s for s in DomainSummary.objects.filter(inspection=inspection)
            },
            "recommendations": list(Recommendation.objects.filter(inspection=inspection)),
            "facts": sections.contextual_facts(inspection),
            "views": sections.views(inspection, language),
            "profile": profile,
            "headline": headline(profile, language, value_name),
            "charts": charts,
            "sample": Sample.objects.filter(inspection=inspection).first(),
            "alerts": report_summary(inspection),
            "team": sections.team(inspection, framework, language),
            "annex": sections.annex(framework, language),
            "publication": publication,
            "checksum": CHECKSUM_MARK,
        }


def report_title(inspection: Inspection, language: str) -> str:
    """The framework's title for its reports, naming the place (the local authorities)."""
    with translation.override("cy" if language == "cy" else "en-gb"):
        places = inspection.service.local_authority_list or [inspection.service.name]
        place = (
            _("%(first)s and %(last)s") % {"first": ", ".join(places[:-1]), "last": places[-1]}
            if len(places) > 1
            else places[0]
        )
        title = inspection.framework.report_title
        if title is None:
            return _("Inspection of youth justice services: %(service)s") % {"service": place}
        return title.get(language).replace("{place}", place)


def render_html(
    inspection: Inspection,
    language: str,
    ratings: dict[str, Any] | None = None,
    publication: dict[str, Any] | None = None,
) -> str:
    with translation.override("cy" if language == "cy" else "en-gb"):
        html = render_to_string(
            "reports/report.html", context(inspection, language, ratings, publication)
        )
    return html if publication else html.replace(CHECKSUM_MARK, "")


def with_checksum(html: str) -> tuple[str, str]:
    """The published HTML with its text checksum in place, and the checksum."""
    digest = hashlib.sha256(html.replace(CHECKSUM_MARK, "").encode()).hexdigest()
    return html.replace(CHECKSUM_MARK, digest), digest


def render_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the report HTML."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


@requirement("accuracy_settled")
def _accuracy_settled(inspection: Inspection) -> str | None:
    from .accuracy import pending

    if waiting := pending(inspection):
        return _("Decide every factual-accuracy comment (%(n)s waiting).") % {"n": waiting}
    return None


def is_correction(inspection: Inspection) -> bool:
    return inspection.is_published


def _check_publishable(user: User, inspection: Inspection, reason: str) -> None:
    """First publication: at the factual-accuracy stage, with everything the move to
    published needs. Later: a correction, with its reason, of a published inspection."""
    require(user, "report.publish", inspection)
    check_languages(inspection)
    if is_correction(inspection):
        lifecycle.check(inspection, Operation.CORRECT)
        if not reason.strip():
            raise ValidationError(_("Say what the correction changes and why"))
        return
    lifecycle.check(inspection, Operation.PUBLISH)
    transition = lifecycle.next_transition(inspection)
    if transition is not None and (missing := lifecycle.unmet(inspection, transition)):
        raise StageError(_("Before publishing: %(missing)s") % {"missing": " ".join(missing)})


def _ratings_to_publish(inspection: Inspection) -> tuple[SignOff | None, dict[str, Any]]:
    """The sign-off being published and its ratings in both languages (a correction keeps
    the published ratings: they never change)."""
    if inspection.published_ratings is not None:
        return None, inspection.published_ratings
    signed = current_sign_off(inspection)
    if signed is None:
        raise StageError(_("Sign the ratings off before publishing."))
    return signed, signed.snapshot["ratings"]


def published_file_name(inspection_id: int, version: int, language: str) -> str:
    return f"reports/{inspection_id}/v{version}-{language}.pdf"


def _next_version(inspection: Inspection) -> int:
    last = PublishedReport.objects.filter(inspection=inspection).aggregate(v=Max("version"))["v"]
    return (last or 0) + 1


def _render_all(
    inspection: Inspection, ratings: dict[str, Any], job: PublishJob | None = None
) -> tuple[int, list[tuple[str, str, str, bytes]]]:
    """The version rendered, and (language, html, text checksum, pdf) for each language the
    report is published in,
    counting each step on the job if given. Every page of the PDF names the version and the
    day; the PDF carries the text's checksum."""
    version = _next_version(inspection)
    publication = {"version": version, "date": timezone.localdate()}
    rendered = []
    for language in languages_of(inspection):
        html, digest = with_checksum(
            render_html(inspection, language, ratings[language], publication)
        )
        _step(job)
        rendered.append((language, html, digest, render_pdf(html)))
        _step(job)
    return version, rendered


def _step(job: PublishJob | None) -> None:
    if job is not None:  # saved at once, outside any transaction, so the page can show it
        PublishJob.objects.filter(pk=job.pk).update(steps_done=F("steps_done") + 1)
        step_pause()


@transaction.atomic
def _save(
    user: User,
    inspection: Inspection,
    signed: SignOff | None,
    ratings: dict[str, Any],
    rendered: tuple[int, list[tuple[str, str, str, bytes]]],
    reason: str,
    job: PublishJob | None = None,
) -> list[PublishedReport]:
    """Save every language's version, and on first publication move the inspection to
    published, all in one transaction: nothing partial is ever visible."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if job is not None and not PublishJob.objects.select_for_update().filter(
        pk=job.pk, state=PublishJob.State.RUNNING
    ):
        # Reaped while this worker was too slow to renew its lease: it was reported failed,
        # so it must not publish now.
        raise StageError(_("This publishing was stopped; nothing was published."))
    if signed is not None:
        # The ratings may not change between rendering and saving (ratings can still be
        # recorded during the factual-accuracy check, which re-opens the sign-off).
        now_signed = current_sign_off(inspection)
        if now_signed is None or now_signed.pk != signed.pk:
            raise StageError(_("The ratings changed while publishing: sign them off again."))
    version, pages = rendered
    if version != _next_version(inspection):
        # Someone published in the meantime: these pages would name the wrong version.
        raise StageError(_("Another version was published meanwhile: publish again."))
    published = []
    for language, html, digest, pdf in pages:
        # The published file on the storage backend (a folder, or an S3 bucket when the app
        # runs on several machines), written before the transaction commits: if it cannot be
        # written, nothing is published and the job says why.
        stored = default_storage.save(
            published_file_name(inspection.pk, version, language), ContentFile(pdf)
        )
        report = PublishedReport.objects.create(
            stored_as=stored,
            inspection=inspection,
            version=version,
            language=language,
            html=html,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            content_sha256=digest,
            published_by=user,
            correction_reason=reason.strip(),
        )
        record(
            user,
            "report.published",
            report,
            inspection_id=inspection.pk,
            version=version,
            language=language,
            sha256=report.sha256,
            correction_reason=reason.strip(),
        )
        published.append(report)
    if signed is not None:
        mark_published(user, inspection, ratings)
    return published


def publish(user: User, inspection: Inspection, reason: str = "") -> list[PublishedReport]:
    """Publish the next version, in English and Welsh, now; each PDF's checksum is kept."""
    _check_publishable(user, inspection, reason)
    signed, ratings = _ratings_to_publish(inspection)
    rendered = _render_all(inspection, ratings)
    return _save(user, inspection, signed, ratings, rendered, reason)


def start_publishing(user: User, inspection: Inspection, reason: str = "") -> PublishJob:
    """Check, then render and publish in the background; the job reports progress."""
    _check_publishable(user, inspection, reason)
    _ratings_to_publish(inspection)  # refuses now, not in the job, without a sign-off
    if PublishJob.objects.filter(inspection=inspection, state=PublishJob.State.RUNNING).exists():
        raise ValidationError(_("A version is already being published"))
    job = PublishJob.objects.create(
        inspection=inspection,
        requested_by=user,
        steps_total=2 * len(languages_of(inspection)),
        reason=reason.strip(),
    )
    # Committed with the job row: the worker sees both or neither.
    publish_in_background.enqueue(job.pk)
    return job


@task()
def publish_in_background(job_id: int) -> None:
    run_publishing(job_id)


def run_publishing(job_id: int) -> None:
    """Render both languages and publish, holding the job's lease while it works."""
    job = PublishJob.objects.select_related("inspection", "requested_by").get(pk=job_id)
    if job.state != PublishJob.State.RUNNING:
        return  # reaped before a worker reached it, or run already

    def renew(now: datetime) -> None:
        PublishJob.objects.filter(pk=job_id).update(heartbeat_at=now)

    try:
        with heartbeat(renew):
            signed, ratings = _ratings_to_publish(job.inspection)
            rendered = _render_all(job.inspection, ratings, job)
            published = _save(
                job.requested_by, job.inspection, signed, ratings, rendered, job.reason, job
            )
    except Exception as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        PublishJob.objects.filter(pk=job_id, state=PublishJob.State.RUNNING).update(
            state=PublishJob.State.FAILED, error=message[:2000]
        )
        raise
    PublishJob.objects.filter(pk=job_id).update(
        state=PublishJob.State.DONE, version=published[0].version
    )


def latest_job(inspection: Inspection) -> PublishJob | None:
    """The inspection's latest publishing; if it says running, abandoned ones are reaped
    first, so a job whose worker died shows as failed, never running for ever."""
    job = PublishJob.objects.filter(inspection=inspection).first()
    if job is not None and job.state == PublishJob.State.RUNNING and reap():
        job.refresh_from_db()
    return job


@reaper("publishing")
def _reap_publishing(stale_before: datetime) -> int:
    """A publishing whose worker stopped renewing its lease: failed, with the reason. Its
    versions were never saved (they are saved in one transaction at the end)."""
    return PublishJob.objects.filter(
        state=PublishJob.State.RUNNING, heartbeat_at__lt=stale_before
    ).update(
        state=PublishJob.State.FAILED,
        error=_(
            "The worker stopped while publishing (the server may have restarted). Nothing "
            "was published: publish again."
        ),
    )
