"""The rating engine: frameworks as data, rating rules, sampling and agreement statistics.

Pure Python (no Django, no I/O beyond reading framework files), so every rating the product
shows can be reproduced from its evidence by the CLI, the tests and anyone reading the code.
"""

from .agreement import Agreement, agreement, agreement_by_key_question
from .caseload import REQUIRED_COLUMNS, CaseRecord, parse_caseload
from .errors import (
    CaseloadError,
    CaseloadInvalid,
    EngineError,
    FrameworkError,
    FrameworkNotFound,
    RatingInputError,
)
from .explain import explain_overall, explain_standard, rating_title
from .framework import Basis, Domain, Framework, KeyQuestion, OverallMethod, Standard, Text
from .interchange import parse_rate_request, rate_request, result_json
from .loader import (
    framework_digest,
    get_framework,
    installed_frameworks,
    load_framework_file,
    parse_framework,
)
from .ratings import (
    NOT_RATED,
    InspectionRating,
    KeyQuestionCount,
    RatingBasis,
    RecordedOverall,
    StandardInput,
    StandardRating,
    rate_answers,
    rate_inspection,
    rate_standard,
    tally,
)
from .sampling import SampleResult, draw_sample, required_sample_size

__all__ = [
    "NOT_RATED",
    "REQUIRED_COLUMNS",
    "Agreement",
    "Basis",
    "CaseRecord",
    "CaseloadError",
    "CaseloadInvalid",
    "Domain",
    "EngineError",
    "Framework",
    "FrameworkError",
    "FrameworkNotFound",
    "InspectionRating",
    "KeyQuestion",
    "KeyQuestionCount",
    "OverallMethod",
    "RatingBasis",
    "RatingInputError",
    "RecordedOverall",
    "SampleResult",
    "Standard",
    "StandardInput",
    "StandardRating",
    "Text",
    "agreement",
    "agreement_by_key_question",
    "draw_sample",
    "explain_overall",
    "explain_standard",
    "framework_digest",
    "get_framework",
    "installed_frameworks",
    "load_framework_file",
    "parse_caseload",
    "parse_framework",
    "parse_rate_request",
    "rate_answers",
    "rate_inspection",
    "rate_request",
    "rate_standard",
    "rating_title",
    "required_sample_size",
    "result_json",
    "tally",
]
