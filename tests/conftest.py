"""Shared fixtures."""

from __future__ import annotations

import pytest

from yjinspect.engine import Framework, get_framework


@pytest.fixture(scope="session")
def yjs2018() -> Framework:
    return get_framework("hmip-yjs-2018")


@pytest.fixture(scope="session")
def yjs2021() -> Framework:
    return get_framework("hmip-yjs-2021")


# ---- People and an inspection for the workflow tests -------------------------------------
# Alice leads the inspection; Ian inspects and Lara is a local assessor on her team.
# Mona manages the inspected service. Charlie is an inspector on nobody's team: he must not
# even learn the inspection exists. Ada is the inspectorate admin.


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, tmp_path):
    # Background jobs run at once in the caller (tests/workflow/test_worker runs real ones).
    settings.YJ_TASKS_EAGER = True
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    # Two-factor sign-in has its own tests (test_accounts, the crawl and the browser
    # journeys turn it on); elsewhere force_login stands for a full sign-in.
    settings.YJ_TWO_FACTOR = False
    # Real password hashing costs ~0.3 s a user; tests are about behaviour, not the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Published files go to a folder of the test's own.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def _person(username: str, role: str, service=None):
    from django.contrib.auth import get_user_model

    from yjinspect.accounts.models import Profile

    user = get_user_model().objects.create_user(username, password="pass-" + username)
    Profile.objects.create(user=user, role=role, service=service)
    return user


@pytest.fixture
def service(db):
    from yjinspect.services.models import YouthJusticeService

    return YouthJusticeService.objects.create(
        name="Cwm Afon YJS", nation="wales", local_authorities="Cwm Afon, Bryn Uchaf"
    )


@pytest.fixture
def ada(db):
    return _person("ada", "inspectorate_admin")


@pytest.fixture
def alice(db):
    return _person("alice", "lead_inspector")


@pytest.fixture
def ian(db):
    return _person("ian", "inspector")


@pytest.fixture
def lara(db):
    return _person("lara", "local_assessor")


@pytest.fixture
def charlie(db):
    return _person("charlie", "inspector")


@pytest.fixture
def mona(service):
    return _person("mona", "service_manager", service=service)


@pytest.fixture
def inspection(service, alice, ian, lara):
    from datetime import date

    from yjinspect.inspections import services as inspections

    created = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2018",
        fieldwork_start=date(2024, 5, 13),
        fieldwork_end=date(2024, 5, 17),
    )
    inspections.assign_team_member(alice, created, ian, "inspector")
    inspections.assign_team_member(alice, created, lara, "local_assessor")
    return created


@pytest.fixture
def as_user(client):
    """as_user(alice) signs the test client in as Alice."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def caseload_file():
    """A synthetic caseload CSV upload of n rows (no real child in it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjinspect.synthetic import caseload_csv

    def make(rows: int = 300, seed: int = 7, name: str = "caseload.csv", text: str | None = None):
        from datetime import date

        body = (
            text if text is not None else caseload_csv(rows, fieldwork=date(2024, 5, 13), seed=seed)
        )
        return SimpleUploadedFile(name, body.encode(), content_type="text/csv")

    return make


def at_stage(inspection, stage: str):
    """Arrange an inspection at a stage without doing every earlier stage's work (the
    transitions themselves are tested in test_inspection_lifecycle)."""
    from yjinspect.inspections.models import StatusChange

    StatusChange.objects.create(
        inspection=inspection,
        from_status=inspection.status,
        to_status=stage,
        by=inspection.created_by,
    )
    inspection.status = stage
    inspection.save(update_fields=["status"])
    return inspection


def ready_to_publish(inspection, lead):
    """Arrange the factual-accuracy stage with the ratings signed off as they stand, and the
    written content in Welsh as a translator would leave it (a service in Wales publishes in
    both languages; test_report tests what happens without)."""
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from yjinspect.findings.models import DomainSummary, Finding, Recommendation
    from yjinspect.ratings import services as ratings

    for model in (Finding, DomainSummary, Recommendation):
        model.objects.filter(inspection=inspection, text_cy="").update(
            text_cy=Concat(Value("(Cymraeg) "), F("text"))
        )
    at_stage(inspection, "rated")
    ratings.sign_off(lead, inspection)
    return at_stage(inspection, "factual_accuracy")


def publish_now(inspection, lead):
    """Sign off and publish the inspection as it stands (it moves to published)."""
    from yjinspect.reports import services as reports

    ready_to_publish(inspection, lead)
    reports.publish(lead, inspection)
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def sampled(inspection, alice, caseload_file):
    """The inspection in fieldwork: a 300-case caseload imported, the sample drawn and
    allocated, each through the lifecycle's real transitions."""
    from yjinspect.cases import caseload, sampling
    from yjinspect.inspections import services as inspections

    inspections.advance_status(alice, inspection, "data_in_advance")
    upload = caseload_file()
    checked = caseload.check_upload(alice, inspection, upload.name, upload)
    caseload.confirm_import(alice, checked)
    inspections.advance_status(alice, inspection, "sampling")
    inspection.refresh_from_db()
    sampling.draw(alice, inspection, seed=11)
    sampling.allocate(alice, inspection)
    inspections.advance_status(alice, inspection, "fieldwork")
    inspection.refresh_from_db()
    return inspection


def totp_code(user) -> str:
    """The code the person's authenticator app shows, as the app computes it (RFC 6238). A
    code already used is refused, so after a sign-in in this same 30 seconds it is the next
    window's code (accepted: one step of clock drift is allowed)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() + device.tolerance <= device.last_t:
        time.sleep(1)  # both windows used: wait for the next
    if totp.t() <= device.last_t:
        totp.time = time.time() + device.step
    return f"{totp.token():0{device.digits}d}"


def service_case(service, case_ref: str, **values):
    """A case of the service's own caseload: a boy of 15, white, on a referral order, low risk,
    unless the test says otherwise (``starts_on`` it always says)."""
    from yjinspect.casework.models import ServiceCase

    fields = {
        "disposal": "court",
        "disposal_type": "referral order",
        "sex": "male",
        "age": 15,
        "ethnicity": "white",
        "rosh": "low",
        "safety_wellbeing": "low",
        **values,
    }
    return ServiceCase.objects.create(service=service, case_ref=case_ref, **fields)
