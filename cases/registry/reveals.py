"""The guard rails around 個人番号の表示 (issue 11 H3; 番号法 9条・19条, assessment III: 番号利用事務以外で
個人番号の検索はできない、権限のない者による不正使用).

- A number is shown only for a person with an open case of the 個人番号利用事務 at the user's own
  office (chosen on the form, or found: has_local_case); for anyone else a 係長 of that office approves
  first (RevealApproval, used up by one reveal; requested and decided in reveal_approvals.py). A refusal
  for want of approval is logged.
- Every reveal's entry names what it rests on (the case, or the approval) and whether the revealing
  user received that case themself: the counter's own intake is a basis (the number is checked against
  the マイナンバーカード of the person in front of the clerk), but one the auditor can list and review.
- Each member of staff may reveal or search by at most NENKIN_REVEAL_LIMIT_PER_HOUR numbers an hour, and be
  refused for want of approval at most NENKIN_REVEAL_REFUSALS_PER_HOUR times. Reaching either suspends their
  revealing and searching (RevealSuspension, lifted by a 係長: reveal_approvals.py) and alerts the
  auditor (reveal_limits.py).
- A daily job reports unusual reveal counts to the auditor (SecurityAlert on the audit screen;
  reveal_report.py).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kernel.access import user_acts_on
from cases.kernel.casetypes import number_use_types
from cases.kernel.models import Case
from cases.kernel.stages import FINAL_STAGES
from cases.registry.models.residents import Resident
from cases.registry.models.reveals import RevealApproval
from cases.registry.reveal_approvals import APPROVE_PERMISSION as APPROVE_PERMISSION
from cases.registry.reveal_approvals import RevealAlreadyRequested as RevealAlreadyRequested
from cases.registry.reveal_approvals import reveal_approval_decide as reveal_approval_decide
from cases.registry.reveal_approvals import reveal_approval_request as reveal_approval_request
from cases.registry.reveal_approvals import reveal_suspension_lift as reveal_suspension_lift
from cases.registry.reveal_limits import RevealRaced as RevealRaced  # re-exported: the callers' one place
from cases.registry.reveal_limits import RevealRefused as RevealRefused
from cases.registry.reveal_limits import refusal_limit_reached
from cases.registry.reveal_limits import reveal_suspended as reveal_suspended
from cases.registry.reveal_purposes import purpose_clean as purpose_clean
from cases.registry.reveal_purposes import purpose_stated as purpose_stated
from cases.registry.reveal_report import reveal_report as reveal_report
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

APPROVAL_VALID_HOURS = 24


class RevealNeedsApproval(ValidationError):
    """No case or intake of this person at the user's office: a 係長 must approve first."""


def has_local_case(*, user: User, resident: Resident) -> Case | None:
    """The open case (or intake) of this person at the user's office that grounds a reveal: the desk's
    business with them now. A finished one (完了, 取下げ, 却下…) is history and no reason to show the number.

    Only the 個人番号利用事務 count (CaseTypeSpec.number_use: 免除・納付猶予申請, 障害基礎年金 請求, 資格届出).
    A 開示・訂正・利用停止請求 (REQUEST_CASE_TYPES, 個人情報保護法) is not: it is not the work the number serves
    (番号法9条), any clerk can open one alone in one form — which turned "ask a 係長 first" into "file a
    request first" — and writing a number into a request's report has its own 係長 approval
    (MyNumberApprovalForm); showing one for it asks a 係長 as for anyone else.

    Of several, one the user did not receive comes first: a reveal resting only on the clerk's own intake
    is what the auditor's filter (basis_self_received) is for, and should not hide among the others."""
    return (
        Case.objects.filter(resident=resident, office_id=user.office_id, case_type__in=number_use_types())
        .exclude(stage__in=FINAL_STAGES)
        .order_by(ExpressionWrapper(Q(received_by_id=user.pk), BooleanField()), "-received_on", "-id")
        .first()
    )


def case_grounds_reveal(*, user: User, case: Case) -> bool:
    """Whether a case chosen on the form is a reason to show its person's number without approval:
    open, of the 個人番号利用事務 (has_local_case says why a request is not), and of an office the user
    acts for (a branch 係長 sees the 本庁's cases, acts on none)."""
    return (
        case.case_type in number_use_types() and case.stage not in FINAL_STAGES and user_acts_on(user, case)
    )


def _deny(
    user: User, resident: Resident, reason: str, request=None, *, purpose: str = "", case_id=None
) -> None:
    audit_record(
        action=AuditAction.DENIED,
        actor=user,
        request=request,
        resident_id=resident.pk,
        case_id=case_id,
        target="mynumber_reveal",
        purpose=purpose[:200],
        detail={"reason": reason},
    )


def reveal_needs_approval_refuse(*, user: User, resident: Resident, purpose: str, case=None, request=None):
    """Logs the refusal for want of a 係長's approval (拒否は記録: a clerk probing for numbers leaves a
    trace) and returns the error to raise: the suspension's when this refusal reached the hourly limit of
    refusals (reveal_limits.refusal_limit_reached). Call it outside the reveal's transaction, which rolls back.
    A request chosen on the form is named as no basis: the clerk sees there is a case, and why it is not
    enough."""
    _deny(user, resident, "needs_approval", request, purpose=purpose, case_id=getattr(case, "pk", None))
    # A clerk probing strangers one after another: at the hour's limit of refusals, suspended (PIA III).
    suspended = refusal_limit_reached(user=user, request=request)
    if suspended is not None:
        return suspended
    if case is not None and case.case_type not in number_use_types():
        said = _(
            "開示・訂正・利用停止請求の案件は個人番号の表示の根拠になりません (番号利用事務の案件ではありません)。"
            "表示するには係長の承認が必要です (「承認を依頼する」から依頼してください)。"
        )
    else:
        said = _(
            "この方には当事務所の番号利用事務の案件・受付 (免除・障害基礎年金・資格届出) がありません。"
            "表示するには係長の承認が必要です (「承認を依頼する」から依頼してください)。"
        )
    return RevealNeedsApproval(said, code="needs_approval")


def approval_take(*, user: User, resident: Resident) -> RevealApproval | None:
    """An approval for this reveal, used up now; None when there is none."""
    since = timezone.now() - dt.timedelta(hours=APPROVAL_VALID_HOURS)
    approval = (
        RevealApproval.objects.select_for_update()
        .filter(
            resident=resident,
            requested_by=user,
            state=RevealApproval.State.APPROVED,
            decided_at__gte=since,
        )
        .order_by("decided_at")
        .first()
    )
    if approval is not None:
        approval.state, approval.used_at = RevealApproval.State.USED, timezone.now()
        approval.save(update_fields=["state", "used_at"])
    return approval
