"""The guard rails around 個人番号の表示 (issue 11 H3; 番号法 9条・19条, assessment III: 番号利用事務以外で
個人番号の検索はできない、権限のない者による不正使用).

- A number is shown only for a person with an open case of the 個人番号利用事務 at the user's own
  office (chosen on the form, or found: has_local_case); for anyone else a 係長 of that office approves
  first (RevealApproval, used up by one reveal). A refusal for want of approval is logged.
- Every reveal's entry names what it rests on (the case, or the approval) and whether the revealing
  user received that case themself: the counter's own intake is a basis (the number is checked against
  the マイナンバーカード of the person in front of the clerk), but one the auditor can list and review.
- Each member of staff may reveal or search by at most NENKIN_REVEAL_LIMIT_PER_HOUR numbers an hour, and be
  refused for want of approval at most NENKIN_REVEAL_REFUSALS_PER_HOUR times. Reaching either suspends their
  revealing and searching (RevealSuspension, lifted by a 係長) and alerts the auditor (reveal_limits.py).
- A daily job reports unusual reveal counts to the auditor (SecurityAlert on the audit screen).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.common.freetext import validate_no_mynumber
from cases.kernel.access import user_acts_on
from cases.kernel.casetypes import number_use_types
from cases.kernel.models import Case
from cases.kernel.stages import FINAL_STAGES
from cases.registry.models.residents import Resident
from cases.registry.models.reveals import RevealApproval, RevealPurpose
from cases.registry.reveal_limits import RevealRaced as RevealRaced  # re-exported: the callers' one place
from cases.registry.reveal_limits import RevealRefused as RevealRefused
from cases.registry.reveal_limits import refusal_limit_reached
from cases.registry.reveal_limits import reveal_suspended as reveal_suspended
from cases.security.audit import audit_record
from cases.security.audit_purposes import purpose_chosen
from cases.security.models.alerts import RevealSuspension, SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User

APPROVAL_VALID_HOURS = 24
APPROVE_PERMISSION = "cases.approve_case"


class RevealNeedsApproval(ValidationError):
    """No case or intake of this person at the user's office: a 係長 must approve first."""


class RevealAlreadyRequested(ValidationError):
    """The same request (person, purpose, clerk) already waits for a 係長: a double click or a resend."""

    def __init__(self, approval: RevealApproval):
        super().__init__(
            _("既に依頼済みです (依頼日時 %(at)s)。係長の承認をお待ちください。")
            % {"at": date_show(approval.requested_at)}
        )
        self.approval = approval


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


def purpose_clean(purpose: str, note: str) -> tuple[str, str]:
    """(purpose code, note). The note never holds a 12-digit number; 'other' needs one."""
    if purpose not in RevealPurpose.values:
        raise ValidationError({"purpose": _("利用目的を一覧から選んでください。")})
    note = (note or "").strip()[:200]
    try:
        validate_no_mynumber(note)
    except ValidationError as exc:
        raise ValidationError({"note": exc.messages}) from exc
    if purpose == RevealPurpose.OTHER and not note:
        raise ValidationError({"note": _("「その他」の場合は備考に目的を書いてください。")})
    return purpose, note


def purpose_stated(purpose: str, note: str = "", case_number: str = "") -> str:
    """A purpose as the access log keeps it: the label's Japanese (its message id), not the clerk's
    screen's — the auditor's screen words it for each reader (cases/security/audit_purposes.py) — with
    the note and the case it serves."""
    return purpose_chosen(RevealPurpose(purpose).label, note, case_number)


def reveal_approval_request(*, user: User, resident: Resident, purpose: str, note: str = "", request=None):
    """A request for a 係長's approval. The same one still waiting raises RevealAlreadyRequested: the
    partial unique index (one pending per person, purpose and clerk) makes a concurrent second insert
    wait for the first to commit and then fail, so three clicks at once are one request."""
    purpose, note = purpose_clean(purpose, note)
    try:
        with transaction.atomic():
            approval = RevealApproval.objects.create(
                resident=resident, requested_by=user, purpose=purpose, note=note
            )
            audit_record(
                action=AuditAction.CHANGE,
                actor=user,
                request=request,
                resident_id=resident.pk,
                target="mynumber_reveal_approval",
                purpose=purpose_stated(purpose),
                detail={"event": "requested", "approval_id": approval.pk},
            )
    except IntegrityError:
        waiting = RevealApproval.objects.filter(
            resident=resident, requested_by=user, purpose=purpose, state=RevealApproval.State.PENDING
        ).first()
        if waiting is None:  # decided in between: not a repeat, so not ours to explain
            raise
        raise RevealAlreadyRequested(waiting) from None
    return approval


def _already_decided(approval: RevealApproval) -> ValidationError:
    """Who took the decision a 係長 arrived too late for, and which (two 係長 on the same request)."""
    refused = approval.state == RevealApproval.State.REFUSED
    if approval.decided_by is None:
        return ValidationError(_("この依頼は既に処理済みです。"))
    return ValidationError(
        _("この依頼は既に処理済みです (%(by)s が%(how)s: %(at)s)。")
        % {
            "by": approval.decided_by,
            "how": _("却下") if refused else _("承認"),
            "at": date_show(approval.decided_at),
        }
    )


def _same_office_supervisor(by: User, user: User) -> None:
    if not by.has_perm(APPROVE_PERMISSION) or by.office_id != user.office_id:
        raise PermissionDenied(_("同じ事務所の係長のみ承認・解除できます。"))
    if by.pk == user.pk:
        raise PermissionDenied(_("自分の依頼・停止は承認・解除できません。"))


def reveal_approval_decide(*, approval: RevealApproval, by: User, approve: bool, request=None):
    with transaction.atomic():
        approval = (
            RevealApproval.objects.select_for_update().select_related("requested_by").get(pk=approval.pk)
        )
        _same_office_supervisor(by, approval.requested_by)
        if approval.state != RevealApproval.State.PENDING:
            raise _already_decided(approval)
        approval.state = RevealApproval.State.APPROVED if approve else RevealApproval.State.REFUSED
        approval.decided_by, approval.decided_at = by, timezone.now()
        approval.save(update_fields=["state", "decided_by", "decided_at"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            request=request,
            resident_id=approval.resident_id,
            target="mynumber_reveal_approval",
            detail={
                "event": "approved" if approve else "refused",
                "approval_id": approval.pk,
                "requested_by": approval.requested_by.username,
            },
        )
    return approval


def reveal_suspension_lift(*, suspension: RevealSuspension, by: User, request=None) -> RevealSuspension:
    with transaction.atomic():
        suspension = RevealSuspension.objects.select_for_update().select_related("user").get(pk=suspension.pk)
        _same_office_supervisor(by, suspension.user)
        if suspension.lifted_at is None:
            suspension.lifted_at, suspension.lifted_by = timezone.now(), by
            suspension.save(update_fields=["lifted_at", "lifted_by"])
            audit_record(
                action=AuditAction.CHANGE,
                actor=by,
                request=request,
                target=f"職員:{suspension.user.username}",
                detail={"event": "reveal_resumed", "username": suspension.user.username},
            )
    return suspension


def reveal_report(*, day: dt.date | None = None) -> list[SecurityAlert]:
    """The daily job: staff whose reveals on `day` (default yesterday) were unusual — more than
    NENKIN_REVEAL_DAILY_ALERT, or more than three times their daily average of the 30 days before
    (and at least 10). One alert each, for the auditor."""
    tz = timezone.get_current_timezone()
    day = day or timezone.localdate() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end, history_start = start + dt.timedelta(days=1), start - dt.timedelta(days=30)
    reveals = AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL, actor_id__isnull=False)
    counts = dict(
        reveals.filter(at__gte=start, at__lt=end)
        .values_list("actor_id")
        .annotate(n=Count("id"))
        .values_list("actor_id", "n")
    )
    history = dict(
        reveals.filter(at__gte=history_start, at__lt=start, actor_id__in=list(counts))
        .values_list("actor_id")
        .annotate(n=Count("id"))
        .values_list("actor_id", "n")
    )
    alerts = []
    threshold = settings.NENKIN_REVEAL_DAILY_ALERT
    for actor_id, count in sorted(counts.items()):
        average = history.get(actor_id, 0) / 30
        if count > threshold or (count >= 10 and count > 3 * average):
            detail = {"day": day.isoformat(), "count": count, "average_30_days": round(average, 1)}
            if SecurityAlert.objects.filter(
                kind=SecurityAlert.Kind.REVEAL_UNUSUAL, user_id=actor_id, detail__day=day.isoformat()
            ).exists():
                continue
            alerts.append(
                SecurityAlert.objects.create(
                    kind=SecurityAlert.Kind.REVEAL_UNUSUAL, user_id=actor_id, detail=detail
                )
            )
    return alerts
