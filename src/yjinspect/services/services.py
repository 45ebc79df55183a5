"""Operations on services, audited."""

from __future__ import annotations

from typing import Any

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record

from .forms import BoardMemberForm, ServiceForm
from .models import BoardMember, YouthJusticeService


def save_service(user: Any, form: ServiceForm) -> YouthJusticeService:
    require(user, "services.change")
    created = form.instance.pk is None
    service: YouthJusticeService = form.save()
    record(
        user,
        "service.created" if created else "service.changed",
        service,
        before={name: form.initial.get(name) for name in form.changed_data},
        after={name: form.cleaned_data.get(name) for name in form.changed_data},
    )
    return service


def add_board_member(user: Any, service: YouthJusticeService, form: BoardMemberForm) -> BoardMember:
    require(user, "services.change")
    member: BoardMember = form.save(commit=False)
    member.service = service
    member.save()
    record(user, "board_member.added", member, service=service.name)
    return member
