"""Pages for the caseload, the sample and case assessments: thin over the services."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.context import content_language
from yjinspect.converters import parse_id, posted_id
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.pagecache import cached_inspection_page

from . import assessment as assessing
from . import caseload, moderation, profiles, sampling, template, victims
from .forms import (
    AssessmentForm,
    CaseloadUploadForm,
    DrawSampleForm,
    ModerationShareForm,
    ReplaceCaseForm,
    VictimsUploadForm,
)
from .models import CASELOAD, Answer, Case, CaseAssessment, CaseloadImport, Sample, SampledCase

PREVIEW_ROWS = 10


def _page(
    request: HttpRequest, template: str, inspection: Inspection, **context: object
) -> HttpResponse:
    context.update(
        inspection=inspection,
        section="inspections",
        is_lead=permissions.may(request.user, "inspection.lead", inspection),
    )
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def caseload_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "caseload.view")
    # Two forms on the page: the victims list (2025) says which it is.
    sending_victims = request.method == "POST" and request.POST.get("form") == "victims"
    victims_form = VictimsUploadForm(
        request.POST if sending_victims else None, request.FILES if sending_victims else None
    )
    form = CaseloadUploadForm(
        None if sending_victims else request.POST or None,
        None if sending_victims else request.FILES or None,
        profiles=profiles.choices(inspection),
    )
    if sending_victims and victims_form.is_valid():
        upload = victims_form.cleaned_data["victims_file"]
        try:
            count = victims.import_victims(
                signed_in(request), inspection, upload.name or "", upload
            )
        except ValidationError as error:
            victims_form.add_error("victims_file", error)
        else:
            messages.success(
                request,
                ngettext("%(num)s victim listed", "%(num)s victims listed", count) % {"num": count},
            )
            return redirect("cases:caseload", pk)
    if request.method == "POST" and not sending_victims and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            mapping = profiles.chosen(inspection, form.cleaned_data["profile"])
            checked = caseload.check_upload(
                signed_in(request), inspection, upload.name or "", upload, mapping
            )
        except ValidationError as error:
            # A refusal of the file itself shows at the file; one naming a field, at it.
            add_errors(form, error) if hasattr(error, "error_dict") else form.add_error(
                "file", error
            )
        else:
            return redirect("cases:caseload_check", pk, checked.pk)
    cases = Case.objects.filter(inspection=inspection, source=CASELOAD)
    return _page(
        request,
        "cases/caseload.html",
        inspection,
        form=form,
        case_count=cases.count(),
        by_disposal=cases.values("disposal").annotate(n=Count("id")).order_by("disposal"),
        imports=CaseloadImport.objects.filter(inspection=inspection)[:5],
        columns=template.columns(inspection.framework),
        victims_form=victims_form,
        error_form=victims_form if sending_victims else form,
        victims=(
            victims.summary(inspection)
            if victims.victim_populations(inspection.framework)
            else None
        ),
    )


@login_required
def caseload_template(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The caseload template to fill in, as CSV or Excel."""
    inspection = permissions.inspection_for(request, pk, "caseload.view")
    if kind == "xlsx":
        response = HttpResponse(
            template.as_xlsx(inspection.framework),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(template.as_csv(inspection.framework), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="caseload-template.{kind}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def caseload_check(request: HttpRequest, pk: int, upload_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "caseload.view")
    upload = caseload.current_state(
        get_object_or_404(CaseloadImport, pk=upload_id, inspection=inspection)
    )
    if request.method == "POST":
        try:
            caseload.confirm_import(signed_in(request), upload)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("cases:caseload_check", pk, upload.pk)
    columns, preview = caseload.preview(upload, PREVIEW_ROWS)
    return _page(
        request,
        "cases/caseload_check.html",
        inspection,
        upload=upload,
        preview=preview,
        columns=columns,
    )


@login_required
@never_cache
def caseload_progress(request: HttpRequest, pk: int, upload_id: int) -> JsonResponse:
    """An import's state, for the check page's live region."""
    inspection = permissions.inspection_for(request, pk, "caseload.view")
    upload = caseload.current_state(
        get_object_or_404(CaseloadImport, pk=upload_id, inspection=inspection)
    )
    done = upload.state != CaseloadImport.State.IMPORTING
    return JsonResponse(
        {
            "state": upload.state,
            "done": 1 if done else 0,
            "total": 1,
            "text": str(upload.get_state_display()),
        }
    )


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def sample_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "sample.view")
    sample = Sample.objects.filter(inspection=inspection).first()
    form = DrawSampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = signed_in(request)
        try:
            if "allocate" in request.POST:
                given = sampling.allocate(user, inspection)
                messages.success(request, _("%(n)s cases allocated") % {"n": given})
            else:
                drawn = sampling.draw(user, inspection, form.cleaned_data["seed"])
                messages.success(
                    request, _("Sample drawn with seed %(seed)s") % {"seed": drawn.seed}
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:sample", pk)
    cases = sampling.current_sample(inspection) if sample else SampledCase.objects.none()
    replaced = (
        SampledCase.objects.filter(inspection=inspection)
        .exclude(replaced_reason="")
        .select_related("case", "replaced_by__case")
    )
    return _page(
        request,
        "cases/sample.html",
        inspection,
        form=form,
        sample=sample,
        cases=cases,
        replaced=replaced,
    )


@login_required
@require_http_methods(["GET", "POST"])
def allocation_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead gives each case to a named member of the team (one form for the sample)."""
    inspection = permissions.inspection_for(request, pk, "sample.change")
    cases = sampling.current_sample(inspection).select_related("case", "assessor")
    team = sampling.assessors_of(inspection)
    if request.method == "POST" and "rebalance" in request.POST:
        moved = sampling.rebalance(signed_in(request), inspection)
        messages.success(
            request,
            ngettext("%(n)s case moved", "%(n)s cases moved", moved) % {"n": moved}
            if moved
            else _("The cases not yet started are already as even as they can be"),
        )
        return redirect("cases:allocation", pk)
    if request.method == "POST":
        chosen: dict[int, int] = {}
        for sampled in cases:
            raw = request.POST.get(f"case-{sampled.pk}", "")
            person = parse_id(raw)
            if raw and person is None:
                raise Http404(_("No such person"))
            if person is not None:
                chosen[sampled.pk] = person
        given = sampling.reallocate(signed_in(request), inspection, chosen)
        messages.success(
            request, ngettext("%(n)s case given", "%(n)s cases given", given) % {"n": given}
        )
        return redirect("cases:sample", pk)
    load = Counter(c.assessor_id for c in cases)
    return _page(
        request,
        "cases/allocation.html",
        inspection,
        cases=cases,
        team=team,
        load=[(member, load.get(member.user_id, 0)) for member in team],
    )


@login_required
@require_http_methods(["GET", "POST"])
def replace_case(request: HttpRequest, pk: int, sampled_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "sample.change")
    sampled = get_object_or_404(SampledCase, pk=sampled_id, inspection=inspection)
    form = ReplaceCaseForm(request.POST or None, initial={"version": sampled.version})
    if request.method == "POST" and form.is_valid():
        try:
            new = sampling.replace(
                signed_in(request),
                sampled,
                form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Case %(old)s replaced by %(new)s")
                % {"old": sampled.case.case_ref, "new": new.case.case_ref},
            )
            return redirect("cases:sample", pk)
    return _page(request, "cases/replace.html", inspection, form=form, sampled=sampled)


@login_required
@cached_inspection_page
def my_cases(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "cases.view")
    user = signed_in(request)
    mine = sampling.current_sample(inspection)
    if not permissions.may(user, "sample.view", inspection):
        mine = mine.filter(Q(assessor=user) | Q(second_assessor=user))
    mine = mine.annotate(
        submitted=Count(
            "assessments",
            filter=Q(
                assessments__state=CaseAssessment.State.SUBMITTED,
                assessments__kind=CaseAssessment.Kind.FIRST,
            ),
        )
    )
    rows = [(c, assessing.applicable_standards(inspection, c)) for c in mine]
    return _page(request, "cases/my_cases.html", inspection, rows=rows, user_id=user.pk)


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int, sampled_id: int, standard_id: str) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "cases.view")
    sampled = get_object_or_404(
        SampledCase.objects.select_related("case"),
        pk=sampled_id,
        inspection=inspection,
        replaced_reason="",
    )
    standards = {s.id: s for s in assessing.applicable_standards(inspection, sampled)}
    standard = standards.get(standard_id)
    if standard is None:
        raise Http404(_("That standard does not apply to this case"))
    kind = request.GET.get("kind", CaseAssessment.Kind.FIRST)
    if kind not in CaseAssessment.Kind.values:
        raise Http404(_("No such kind of assessment"))
    user = signed_in(request)
    if not assessing.may_assess(user, sampled, kind):
        return render(request, "403.html", status=403)
    existing = assessing.find(sampled, standard.id, kind)
    language = content_language()
    form = AssessmentForm(
        request.POST or None, standard=standard, language=language, assessment=existing
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            assessing.save(
                user,
                sampled,
                standard,
                kind=kind,
                version=form.cleaned_data["version"],
                answers={k: assessing.AnswerInput(v, e) for k, (v, e) in form.answers().items()},
                case_manager_present=form.case_manager(),
                submit=submit,
            )
        except assessing.StaleAssessment as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment submitted") if submit else _("Draft saved"))
            return redirect("cases:my_cases", pk)
    return _page(
        request,
        "cases/assess.html",
        inspection,
        form=form,
        sampled=sampled,
        standard=standard,
        assessment=existing,
        kind=kind,
    )


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def moderation_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "moderation.view")
    form = ModerationShareForm(
        request.POST if "share_percent" in request.POST else None,
        initial={"share_percent": moderation.DEFAULT_SHARE_PERCENT},
    )
    if request.method == "POST":
        user = signed_in(request)
        try:
            if "share_percent" in request.POST:
                if form.is_valid():
                    chosen = moderation.select_cases(
                        user, inspection, form.cleaned_data["share_percent"]
                    )
                    messages.success(
                        request, _("%(n)s cases marked for second assessment") % {"n": chosen}
                    )
                    return redirect("cases:moderation", pk)
            else:
                moderation.resolve(
                    user,
                    inspection,
                    posted_id(request.POST, "sampled"),
                    request.POST.get("key_question", ""),
                    request.POST.get("agreed", ""),
                    request.POST.get("note", ""),
                )
                messages.success(request, _("Agreed answer recorded"))
                return redirect("cases:moderation", pk)
        except ValidationError as error:
            if not form.is_bound:  # the agreed-answer forms: back to the page with the message
                messages.error(request, " ".join(error.messages))
                return redirect("cases:moderation", pk)
            form.add_error(None, error)
    found = moderation.pairs(inspection)
    cases = (
        SampledCase.objects.filter(inspection=inspection, for_moderation=True)
        .select_related("case", "assessor", "second_assessor")
        .order_by("case__case_ref")
    )
    return _page(
        request,
        "cases/moderation.html",
        inspection,
        form=form,
        cases=cases,
        disagreements=[p for p in found if p.first != p.second],
        answer_labels={value: str(label) for value, label in Answer.Value.choices},
        stats=moderation.statistics(found),
        pairs_count=len(found),
    )
