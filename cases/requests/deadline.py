"""Extending a request's 決定期限 (個人情報保護法 83条2項, 94条2項, 102条2項): 「正当な理由があるときは、…
三十日以内に限り延長することができる」, and the requester is told the new period and the reason in writing
(the 回答 carries them). Once per request, by a 係長 of its office, with the reason on the timeline."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.common.calendar import business_day_until
from cases.common.freetext import validate_no_mynumber
from cases.kernel.models import Case, CaseEvent
from cases.kernel.services import case_event_record
from cases.kernel.stages import FINAL_STAGES
from cases.requests import texts
from cases.security.models.users import User
from cases.security.scope import offices_act_check

EXTENSION_DAYS_MAX = 30
# The article that sets each request's 30 days (個人情報保護法, 第1項).
DECISION_ARTICLES = {"disclosure": "83", "correction": "94", "suspension": "102"}


def last_open_day_before(due_on: dt.date) -> dt.date | None:
    """When the 決定期限 falls on a day the office is closed (a Sunday, a holiday, 年末年始), the last day
    before it that it is open: the decision has to be made by then in practice. None on an open day.
    Whether a closed last day moves the statute's deadline on is not settled here (「要確認」): the
    statute's day is kept and this one is shown beside it."""
    before = business_day_until(due_on)
    return None if before == due_on else before


@transaction.atomic
def request_deadline_extend(*, case: Case, actor: User, days: int, reason: str) -> Case:
    if not actor.has_perm("cases.approve_case"):
        raise PermissionDenied(_("決定期限の延長は係長が行います。"))
    offices_act_check(actor, case.office_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.decision_due_on is None or case.stage in FINAL_STAGES:
        raise ValidationError(_("この案件には延長できる決定期限がありません。"))
    if case.events.filter(action=CaseEvent.Action.DEADLINE_EXTENDED).exists():
        raise ValidationError(_("決定期限は既に延長されています (延長は一度、30日以内に限られます)。"))
    if not 1 <= days <= EXTENSION_DAYS_MAX:
        raise ValidationError({"days": _("延長は1〜30日で指定してください (個人情報保護法83条2項等)。")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("延長の理由を入力してください (請求者に書面で通知します)。")})
    validate_no_mynumber(reason)
    case.decision_due_on = case.decision_due_on + dt.timedelta(days=days)
    case.save(update_fields=["decision_due_on", "updated_at"])
    case_event_record(
        case=case,
        actor=actor,
        action=CaseEvent.Action.DEADLINE_EXTENDED,
        comment=reason,
        text=texts.DEADLINE_EXTENDED(days=days, due=case.decision_due_on),
    )
    return case
