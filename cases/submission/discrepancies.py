"""Clearing an item of the 突合 queue: who looked at it, when, and what they did."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.scope import offices_act_check
from cases.submission.models import Discrepancy


def discrepancy_office_id(discrepancy: Discrepancy) -> int | None:
    """Another office's case is theirs to clear; a line that matched no case, the 本庁's (city-wide)."""
    return discrepancy.case.office_id if discrepancy.case_id else None


@transaction.atomic
def discrepancy_resolve(
    *, discrepancy: Discrepancy, by: User, note: str, request: HttpRequest | None = None
) -> Discrepancy:
    if not by.has_perm("cases.change_discrepancy"):
        raise PermissionDenied(_("突合の不一致を対応済にする権限がありません。"))
    offices_act_check(by, discrepancy_office_id(discrepancy))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("対応内容を入力してください。")})
    locked = Discrepancy.objects.select_for_update().get(pk=discrepancy.pk)
    if locked.resolved_at is not None:
        raise ValidationError(_("この不一致は既に対応済です。"))
    locked.resolved_at, locked.resolved_by, locked.resolution = timezone.now(), by, note
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    case = locked.case
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        resident_id=case.resident_id if case else None,
        case_id=locked.case_id,
        target=f"discrepancy:{locked.pk}",
        purpose="突合の不一致の対応",
        detail={"kind": locked.kind},
    )
    return locked
