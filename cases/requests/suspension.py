"""利用停止の解除: the person's data may be used again (the ground is gone, or they withdrew).

Suspension itself is the approval of a 利用停止請求 (services/requests.py). Lifting it is a
supervisor's decision with a stated reason; it is written on the request's timeline and in the
access log, so the disclosure report and an auditor see both ends of the period.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cases.common.freetext import validate_no_mynumber
from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.scope import offices_act_check

LIFT_PERMISSION = "cases.approve_case"


@transaction.atomic
def resident_use_resume(
    *, resident_id: int, actor: User, reason: str, request: HttpRequest | None = None
) -> Resident:
    if not actor.has_perm(LIFT_PERMISSION):
        raise PermissionDenied(_("利用停止の解除は係長のみ行えます。"))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("解除の理由を入力してください。")})
    validate_no_mynumber(reason)  # kept on the timeline and in the access log: never a 個人番号
    resident = Resident.objects.select_for_update().get(pk=resident_id)
    if resident.use_suspended_on is None:
        raise ValidationError(_("この方は利用停止中ではありません。"))
    case = resident.use_suspended_case
    # The 利用停止請求's office decides (decisions §17); one without a case, the 本庁 (city-wide).
    offices_act_check(actor, case.office_id if case is not None else None)
    since = resident.use_suspended_on
    resident.use_suspended_on, resident.use_suspended_case = None, None
    resident.save(update_fields=["use_suspended_on", "use_suspended_case", "updated_at"])
    if case is not None:
        case_event_record(case=case, actor=actor, action=CaseEvent.Action.USE_RESUMED, comment=reason)
    audit_record(
        action=AuditAction.CHANGE,
        actor=actor,
        request=request,
        resident_id=resident.pk,
        case_id=case.pk if case else None,
        target="use_suspension_lifted",
        purpose=reason,
        detail={"suspended_on": since.isoformat()},
    )
    return resident
