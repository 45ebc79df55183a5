"""Read framework files strictly: any unknown key, duplicate id or inconsistent rule is refused
with the path of the offending value, so a new framework is a data change, never a code change."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .caseload import DISPOSALS, REQUIRED_COLUMNS
from .errors import FrameworkError, FrameworkNotFound
from .framework import (
    DATA_IN_ADVANCE,
    AgeBand,
    Basis,
    CaseBand,
    Domain,
    Framework,
    KeyQuestion,
    NotRatedReason,
    OverallBand,
    OverallMethod,
    PercentDisplay,
    Prompt,
    RatingLevel,
    SamplePopulation,
    Sampling,
    Standard,
    Text,
    Window,
)
from .strictyaml import Node, describe, read_yaml

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"

# The nations a service can be in; a framework names the partner inspectorates of each.
NATIONS = ("wales", "england")
# The severities an alert can have; a framework gives each a response time.
ALERT_SEVERITIES = ("critical", "high", "medium")
# What a framework is for: the inspectorate's inspections, or a service's self-assessment.
PURPOSES = ("inspection", "self_assessment")
# Fields a sample may be stratified by: the caseload file's columns, and the victims list's.
STRATIFIABLE = ("disposal", "disposal_type", "sex", "rosh", "safety_wellbeing", "ethnicity")
VICTIM_STRATIFIABLE = ("disposal", "disposal_type", "victim_type")
# What a domain's case results may be shown apart by.
RESULTS_BY = ("disposal",)


def _unique(nodes: list[tuple[Node, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for node, ident in nodes:
        if ident in seen:
            raise node.fail(f"duplicate {what} id '{ident}' (first at {seen[ident]})")
        seen[ident] = node.path


def _belongs(child_id: str, parent_id: str) -> bool:
    """'2.1.3' belongs to '2.1'; 'V1' belongs to domain 'V'; '3.1' does not belong to '2'."""
    if child_id.startswith(parent_id + "."):
        return True
    return "." not in child_id and child_id.startswith(parent_id) and child_id != parent_id


def parse_framework(data: object, *, source: str = "") -> Framework:
    """Build a :class:`Framework` from already-parsed YAML/JSON data, validating everything."""
    root = Node(data, "", source).mapping(
        required=(
            "id",
            "title",
            "in_force",
            "provenance",
            "scale",
            "overall",
            "aims",
            "domains",
        ),
        optional=(
            "case_rating",
            "sampling",
            "profile",
            "alerts",
            "improvement_plan",
            "report",
            "purpose",
        ),
    )
    framework_id = root.child("id").as_str()
    purpose = root.optional("purpose", lambda n: n.as_choice(PURPOSES)) or PURPOSES[0]

    scale_node = root.child("scale").mapping(
        ("levels", "not_rated", "not_rated_reasons", "provenance")
    )
    scale_node.child("provenance").as_str()
    reasons: list[NotRatedReason] = []
    reason_nodes: list[tuple[Node, str]] = []
    for node in scale_node.child("not_rated_reasons").items():
        node.mapping(("id", "title"), ("needs_note",))
        reason = NotRatedReason(
            id=node.child("id").as_str(),
            title=node.child("title").as_text(),
            needs_note=node.optional("needs_note", Node.as_bool) or False,
        )
        reasons.append(reason)
        reason_nodes.append((node.child("id"), reason.id))
    _unique(reason_nodes, "not-rated reason")
    levels: list[RatingLevel] = []
    level_nodes: list[tuple[Node, str]] = []
    for node in scale_node.child("levels").items():
        node.mapping(("id", "title"), ("points",))
        points = node.optional("points", lambda n: n.as_int(minimum=0))
        level = RatingLevel(
            id=node.child("id").as_str(), title=node.child("title").as_text(), points=points
        )
        levels.append(level)
        level_nodes.append((node.child("id"), level.id))
    _unique(level_nodes, "rating level")
    level_ids = tuple(level.id for level in levels)

    aims_node = root.child("aims")
    if not isinstance(aims_node.value, dict):
        found = describe(aims_node.value)
        raise aims_node.fail(f"must be a mapping of aim id to title, not {found}")
    aims = {str(key): aims_node.child(str(key)).as_text() for key in aims_node.value}

    domains = _parse_domains(root.child("domains"), aims, source)
    all_standards = [s for d in domains for s in d.standards]
    has_case_standards = any(s.basis is Basis.CASE for s in all_standards)

    case_bands, percent_display = _parse_case_rating(root, level_ids, has_case_standards)
    overall_method, overall_bands = _parse_overall(root, levels, all_standards)
    sampling = root.optional("sampling", _parse_sampling)
    if sampling is not None:
        population_ids = {p.id for p in sampling.populations}
        for index, domain in enumerate(domains):
            if domain.population is not None and domain.population not in population_ids:
                node = root.child("domains")
                raise Node(None, f"{node.path}[{index}].population", source).fail(
                    f"'{domain.population}' is not a sampling population "
                    f"(have: {', '.join(sorted(population_ids))})"
                )

    in_force = root.child("in_force").mapping(("from",), ("to",))
    in_force_to = in_force.optional("to", Node.as_date)
    in_force_from = in_force.child("from").as_date()
    if in_force_to is not None and in_force_to < in_force_from:
        raise in_force.child("to").fail("must not be before 'from'")

    alert_hours: dict[str, int] = {}
    remind_hours = None
    if root.has("alerts"):
        alerts = root.child("alerts").mapping(
            ("response_hours", "provenance"), ("remind_before_hours",)
        )
        alerts.child("provenance").as_str()
        # One response time for each severity an alert can have.
        hours = alerts.child("response_hours").mapping(ALERT_SEVERITIES)
        alert_hours = {name: hours.child(name).as_int(minimum=1) for name in ALERT_SEVERITIES}
        remind_hours = alerts.optional("remind_before_hours", lambda n: n.as_int(minimum=1))
        shortest = min(alert_hours.values())
        if remind_hours is not None and remind_hours >= shortest:
            raise alerts.child("remind_before_hours").fail(
                f"must be less than the shortest response time ({shortest} hours)"
            )

    plan_days = None
    if root.has("improvement_plan"):
        plan = root.child("improvement_plan").mapping(("submit_within_days", "provenance"))
        plan.child("provenance").as_str()
        plan_days = plan.child("submit_within_days").as_int(minimum=1, maximum=365)

    report_title, partners = None, {}
    if root.has("report"):
        report = root.child("report").mapping(("title", "partner_inspectorates", "provenance"))
        report.child("provenance").as_str()
        report_title = report.child("title").as_text()
        for language in ("en", "cy"):
            if "{place}" not in report_title.get(language):
                raise report.child("title").child(language).fail("must say where: {place}")
        by_nation = report.child("partner_inspectorates").mapping(NATIONS)
        partners = {
            nation: tuple(item.as_text() for item in by_nation.child(nation).items())
            for nation in NATIONS
        }

    return Framework(
        id=framework_id,
        title=root.child("title").as_text(),
        in_force_from=in_force_from,
        in_force_to=in_force_to,
        provenance=root.child("provenance").as_str(),
        scale=tuple(levels),
        not_rated=scale_node.child("not_rated").as_text(),
        not_rated_reasons=tuple(reasons),
        case_bands=case_bands,
        percent_display=percent_display,
        overall_method=overall_method,
        overall_bands=overall_bands,
        aims=aims,
        domains=domains,
        sampling=sampling,
        age_bands=root.optional("profile", _parse_profile) or (),
        optional_columns=root.optional("profile", _parse_optional_columns) or (),
        alert_response_hours=alert_hours,
        plan_submit_within_days=plan_days,
        report_title=report_title,
        partner_inspectorates=partners,
        alert_remind_before_hours=remind_hours,
        purpose=purpose,
    )


def _parse_domains(node: Node, aims: dict[str, Text], source: str) -> tuple[Domain, ...]:
    domains: list[Domain] = []
    domain_ids: list[tuple[Node, str]] = []
    standard_ids: list[tuple[Node, str]] = []
    kq_ids: list[tuple[Node, str]] = []
    for domain_node in node.items():
        domain_node.mapping(("id", "title", "standards"), ("population", "results_by"))
        domain_id = domain_node.child("id").as_str()
        domain_ids.append((domain_node.child("id"), domain_id))
        standards: list[Standard] = []
        for std_node in domain_node.child("standards").items():
            std_node.mapping(
                ("id", "title", "basis", "scored", "provenance", "key_questions"),
                ("assessed_in_cases", "title_per_inspection", "data_in_advance"),
            )
            std_id = std_node.child("id").as_str()
            if not _belongs(std_id, domain_id):
                raise std_node.child("id").fail(
                    f"standard '{std_id}' is not numbered under domain '{domain_id}'"
                )
            standard_ids.append((std_node.child("id"), std_id))
            basis = Basis(std_node.child("basis").as_choice(tuple(b.value for b in Basis)))
            provenance = std_node.child("provenance").as_str()
            assessed_in_cases = std_node.optional("assessed_in_cases", Node.as_bool) or False
            if assessed_in_cases and basis is not Basis.JUDGEMENT:
                raise std_node.child("assessed_in_cases").fail(
                    "only a judgement standard is marked: a case standard is assessed in cases"
                )
            key_questions: list[KeyQuestion] = []
            for kq_node in std_node.child("key_questions").items(
                allow_empty=basis is Basis.JUDGEMENT and not assessed_in_cases
            ):
                kq_node.mapping(("id", "text"), ("aim", "prompts", "provenance"))
                kq_id = kq_node.child("id").as_str()
                if not _belongs(kq_id, std_id):
                    raise kq_node.child("id").fail(
                        f"key question '{kq_id}' is not numbered under standard '{std_id}'"
                    )
                kq_ids.append((kq_node.child("id"), kq_id))
                aim = kq_node.optional("aim", lambda n: n.as_choice(tuple(aims)))
                prompts = (
                    tuple(
                        Prompt(text=p.as_text())
                        for p in kq_node.child("prompts").items(allow_empty=True)
                    )
                    if kq_node.has("prompts")
                    else ()
                )
                kq_provenance = kq_node.optional("provenance", Node.as_str) or provenance
                key_questions.append(
                    KeyQuestion(
                        id=kq_id,
                        text=kq_node.child("text").as_text(),
                        aim=aim,
                        prompts=prompts,
                        provenance=kq_provenance,
                    )
                )
            standards.append(
                Standard(
                    id=std_id,
                    title=std_node.child("title").as_text(),
                    basis=basis,
                    scored=std_node.child("scored").as_bool(),
                    key_questions=tuple(key_questions),
                    provenance=provenance,
                    domain_id=domain_id,
                    assessed_in_cases=assessed_in_cases,
                    title_per_inspection=(
                        std_node.optional("title_per_inspection", Node.as_bool) or False
                    ),
                    data_in_advance=tuple(
                        n.as_choice(DATA_IN_ADVANCE)
                        for n in (
                            std_node.child("data_in_advance").items()
                            if std_node.has("data_in_advance")
                            else ()
                        )
                    ),
                )
            )
        population = domain_node.optional("population", Node.as_str)
        domains.append(
            Domain(
                id=domain_id,
                title=domain_node.child("title").as_text(),
                standards=tuple(standards),
                population=population,
                results_by=domain_node.optional("results_by", lambda n: n.as_choice(RESULTS_BY)),
            )
        )
    _unique(domain_ids, "domain")
    _unique(standard_ids, "standard")
    _unique(kq_ids, "key question")
    return tuple(domains)


def _parse_case_rating(
    root: Node, level_ids: tuple[str, ...], needed: bool
) -> tuple[tuple[CaseBand, ...], PercentDisplay]:
    if not root.has("case_rating"):
        if needed:
            raise root.fail("missing required key 'case_rating' (the framework has case standards)")
        return (), PercentDisplay.FLOOR
    node = root.child("case_rating").mapping(("bands", "percent_display", "provenance"))
    node.child("provenance").as_str()
    display = PercentDisplay(
        node.child("percent_display").as_choice(tuple(p.value for p in PercentDisplay))
    )
    bands: list[CaseBand] = []
    for band_node in node.child("bands").items():
        band_node.mapping(("rating", "min_percent"))
        band = CaseBand(
            rating=band_node.child("rating").as_choice(level_ids),
            min_percent=band_node.child("min_percent").as_int(minimum=0, maximum=100),
        )
        if bands and band.min_percent >= bands[-1].min_percent:
            raise band_node.child("min_percent").fail(
                f"thresholds must fall from one band to the next: {band.min_percent} "
                f"follows {bands[-1].min_percent}"
            )
        bands.append(band)
    if bands[-1].min_percent != 0:
        raise node.child("bands").fail(
            "the last band must start at 0 so that every result gets a rating"
        )
    return tuple(bands), display


def _parse_overall(
    root: Node, levels: list[RatingLevel], standards: list[Standard]
) -> tuple[OverallMethod, tuple[OverallBand, ...]]:
    node = root.child("overall").mapping(("method", "provenance"), ("bands",))
    node.child("provenance").as_str()
    method = OverallMethod(node.child("method").as_choice(tuple(m.value for m in OverallMethod)))
    if method is not OverallMethod.SUM_OF_POINTS:
        if node.has("bands"):
            raise node.child("bands").fail(f"bands make no sense with method '{method.value}'")
        return method, ()
    if not node.has("bands"):
        raise node.fail("missing required key 'bands' (method sum_of_points needs them)")
    for index, level in enumerate(levels):
        if level.points is None:
            raise Node(None, f"scale.levels[{index}].points", root.source).fail(
                "every level needs points when the overall is a sum of points"
            )
    if not any(s.scored for s in standards):
        raise node.fail("method sum_of_points needs at least one standard with scored: true")
    score_max = max(level.points or 0 for level in levels) * sum(1 for s in standards if s.scored)
    level_ids = tuple(level.id for level in levels)
    bands: list[OverallBand] = []
    expected_start = 0
    for band_node in node.child("bands").items():
        band_node.mapping(("rating", "min_score", "max_score"))
        band = OverallBand(
            rating=band_node.child("rating").as_choice(level_ids),
            min_score=band_node.child("min_score").as_int(minimum=0),
            max_score=band_node.child("max_score").as_int(minimum=0),
        )
        if band.min_score != expected_start:
            raise band_node.child("min_score").fail(
                f"bands must run on without gap or overlap: expected {expected_start}, "
                f"found {band.min_score}"
            )
        if band.max_score < band.min_score:
            raise band_node.child("max_score").fail("must not be below min_score")
        bands.append(band)
        expected_start = band.max_score + 1
    if expected_start - 1 != score_max:
        raise node.child("bands").fail(
            f"bands must end at the highest possible score, {score_max} "
            f"({sum(1 for s in standards if s.scored)} scored standards), "
            f"not {expected_start - 1}"
        )
    return method, tuple(bands)


def _parse_sampling(node: Node) -> Sampling:
    """Sizes come from a confidence and a margin (the inspectorate's rule) or from a share of
    the relevant cases with each population's minimum (the national standards' case audit)."""
    node.mapping(("strata", "populations", "provenance"), ("confidence", "margin", "share"))
    if node.has("share"):
        for name in ("confidence", "margin"):
            if node.has(name):
                raise node.child(name).fail("a sample sized by a share has no " + name)
    else:
        for name in ("confidence", "margin"):
            if not node.has(name):
                raise node.fail(f"missing required key '{name}' (or a 'share' of the cases)")
    strata = tuple(s.as_choice(STRATIFIABLE) for s in node.child("strata").items(allow_empty=True))
    populations: list[SamplePopulation] = []
    ids: list[tuple[Node, str]] = []
    for pop_node in node.child("populations").items():
        pop_node.mapping(
            ("id", "title", "source", "min_size", "max_size", "windows"),
            ("strata", "only_disposal_types", "except_disposal_types"),
        )
        source = pop_node.child("source").as_choice(("caseload", "victims"))
        windows: dict[str, Window] = {}
        windows_node = pop_node.child("windows")
        if not isinstance(windows_node.value, dict) or not windows_node.value:
            raise windows_node.fail("a population needs eligibility windows")
        for disposal in windows_node.value:
            w = windows_node.child(str(disposal))
            if disposal not in DISPOSALS:
                raise w.fail(f"unknown disposal (have: {', '.join(DISPOSALS)})")
            w.mapping(("months_before_from", "months_before_to"))
            window = Window(
                months_before_from=w.child("months_before_from").as_int(minimum=0),
                months_before_to=w.child("months_before_to").as_int(minimum=0),
            )
            if window.months_before_to >= window.months_before_from:
                raise w.child("months_before_to").fail(
                    "the window must end nearer fieldwork than it starts "
                    "(months_before_to < months_before_from)"
                )
            windows[str(disposal)] = window
        own_strata: tuple[str, ...] | None = None
        if pop_node.has("strata"):
            allowed = VICTIM_STRATIFIABLE if source == "victims" else STRATIFIABLE
            own_strata = tuple(
                s.as_choice(allowed) for s in pop_node.child("strata").items(allow_empty=True)
            )
        elif source == "victims":
            raise pop_node.fail(
                f"a victims population names its strata (from: {', '.join(VICTIM_STRATIFIABLE)})"
            )
        min_size = pop_node.child("min_size").as_int(minimum=1)
        max_size = pop_node.child("max_size").as_int(minimum=1)
        if max_size < min_size:
            raise pop_node.child("max_size").fail(f"must not be below min_size ({min_size})")
        population = SamplePopulation(
            id=pop_node.child("id").as_str(),
            title=pop_node.child("title").as_text(),
            source=source,
            windows=windows,
            min_size=min_size,
            max_size=max_size,
            strata=own_strata if own_strata is not None else strata,
            only_disposal_types=_disposal_types(pop_node, "only_disposal_types"),
            except_disposal_types=_disposal_types(pop_node, "except_disposal_types"),
        )
        ids.append((pop_node.child("id"), population.id))
        populations.append(population)
    _unique(ids, "population")
    return Sampling(
        confidence=node.optional("confidence", Node.as_fraction),
        margin=node.optional("margin", Node.as_fraction),
        strata=strata,
        populations=tuple(populations),
        provenance=node.child("provenance").as_str(),
        share=node.optional("share", Node.as_fraction),
    )


def _disposal_types(node: Node, key: str) -> tuple[str, ...]:
    found = node.optional(key, lambda n: tuple(item.as_str() for item in n.items()))
    return tuple(kind.strip().casefold() for kind in found or ())


def _parse_optional_columns(node: Node) -> tuple[str, ...]:
    columns = node.optional(
        "optional_columns", lambda n: tuple(item.as_str() for item in n.items())
    )
    for column in columns or ():
        if column in REQUIRED_COLUMNS:
            raise node.child("optional_columns").fail(f"{column} is a required column already")
    return columns or ()


def _parse_profile(node: Node) -> tuple[AgeBand, ...]:
    node.mapping(("age_bands",), ("optional_columns",))
    bands: list[AgeBand] = []
    for band_node in node.child("age_bands").items():
        band_node.mapping(("label", "min_age"), ("max_age",))
        band = AgeBand(
            label=band_node.child("label").as_str(),
            min_age=band_node.child("min_age").as_int(minimum=0),
            max_age=band_node.optional("max_age", lambda n: n.as_int(minimum=0)),
        )
        if bands and (bands[-1].max_age is None or band.min_age != bands[-1].max_age + 1):
            raise band_node.child("min_age").fail("age bands must follow on from each other")
        bands.append(band)
    return tuple(bands)


def load_framework_file(path: str | Path) -> Framework:
    """Load and validate one framework file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FrameworkError(f"cannot read the file: {error.strerror}", source=str(path)) from None
    return _parse_text(text, source=str(path))


def _parse_text(text: str, *, source: str) -> Framework:
    return parse_framework(read_yaml(text, source=source), source=source)


@functools.cache
def installed_frameworks() -> dict[str, Framework]:
    """Every framework shipped in the ``frameworks`` folder, by id, oldest first."""
    found: dict[str, Framework] = {}
    for path in sorted(FRAMEWORKS_DIR.glob("*.yaml")):
        framework = load_framework_file(path)
        if framework.id != path.stem:
            raise FrameworkError(
                f"the file name must match the framework id '{framework.id}'", source=str(path)
            )
        found[framework.id] = framework
    return dict(sorted(found.items(), key=lambda item: item[1].in_force_from))


@functools.cache
def framework_digest(framework_id: str) -> str:
    """SHA-256 of the installed framework's file, kept with a sign-off so anyone can tell
    which wording of the rules the ratings were signed against."""
    get_framework(framework_id)  # an unknown id is refused the usual way
    return hashlib.sha256((FRAMEWORKS_DIR / f"{framework_id}.yaml").read_bytes()).hexdigest()


def get_framework(framework_id: str) -> Framework:
    """The installed framework with this id, or :class:`FrameworkNotFound`."""
    frameworks = installed_frameworks()
    try:
        return frameworks[framework_id]
    except KeyError:
        raise FrameworkNotFound(
            f"unknown framework '{framework_id}' (installed: {', '.join(frameworks)})"
        ) from None
