"""開示請求: the supervisor's two acts on the case — approving that the 個人番号 may be printed for the
requester, and producing the disclosure report. Both are on the timeline and in the access log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.common.documents import documents
from cases.kernel.models import Case, CaseEvent, CaseType, Stage
from cases.kernel.services import case_event_record
from cases.requests import texts
from cases.requests.models import ResidentRequest
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.scope import offices_act_check

REPORT_STAGES = frozenset({Stage.RESPONSE, Stage.APPROVAL})


def _check(*, case: Case, actor: User) -> None:
    if not actor.has_perm("cases.approve_case"):
        raise PermissionDenied(_("開示報告書は係長が作成します。"))
    offices_act_check(actor, case.office_id)
    if case.case_type != CaseType.DISCLOSURE:
        raise ValidationError(_("開示請求の案件ではありません。"))
    if case.stage not in REPORT_STAGES:
        raise ValidationError(_("開示報告書は対応または決裁の段階で作成します。"))


@transaction.atomic
def disclosure_mynumber_approve(
    *, case: Case, actor: User, reason: str, request: HttpRequest | None = None
) -> None:
    """The supervisor's approval to print the 個人番号 on the report for the requester. Reports made
    before it stay masked; the next one made carries the number."""
    _check(case=case, actor=actor)
    if not actor.has_perm("cases.use_mynumber"):
        raise PermissionDenied(_("個人番号の記載は個人番号利用事務の係長のみ承認できます。"))
    if not reason.strip():
        raise ValidationError({"reason": _("個人番号を記載する理由を入力してください。")})
    # Locked: two approvals sent at once both read "not yet" and both went on the timeline.
    record = ResidentRequest.objects.select_for_update().get(pk=case.resident_request.pk)
    if record.mynumber_approved:
        raise ValidationError(
            _("個人番号の記載は承認済みです (%(by)s、%(at)s)。")
            % {"by": record.mynumber_approved_by, "at": date_show(record.mynumber_approved_at)}
        )
    record.mynumber_approved_by, record.mynumber_approved_at = actor, timezone.now()
    record.mynumber_approval_reason = reason.strip()[:200]
    record.save(update_fields=["mynumber_approved_by", "mynumber_approved_at", "mynumber_approval_reason"])
    case.resident_request = record  # the caller's case reads the approval (the next report does)
    case_event_record(
        case=case,
        actor=actor,
        action=CaseEvent.Action.MYNUMBER_APPROVED,
        comment=record.mynumber_approval_reason,
    )
    audit_record(
        action=AuditAction.CHANGE,
        actor=actor,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target="disclosure_mynumber_approval",
        purpose=record.mynumber_approval_reason,
    )


class ReportAlreadyIssued(ValidationError):
    """The report form came again after a report was made since the page was shown (a double click,
    a resend): `document` is the report now current, and nothing new was made."""

    def __init__(self, document):
        super().__init__(
            _(
                "開示報告書は既に作成されています (帳票番号 %(number)s)。二重送信のため新しく作成していません。"
            )
            % {"number": document.pk}
        )
        self.document = document


UNCHECKED = object()


@transaction.atomic
def disclosure_report_issue(
    *, case: Case, actor: User, request: HttpRequest | None = None, replaces: int | object | None = UNCHECKED
):
    """Snapshots everything held on the person now and schedules the PDF (documents app).
    `replaces`: the report the page showed (None: none). Under the case's row lock, a report made
    since then means this is the same click again: ReportAlreadyIssued. Not given: no such check."""
    _check(case=case, actor=actor)
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").first()
    current = documents().current(kind="disclosure", case=case)
    if replaces is not UNCHECKED and current is not None and current.pk != replaces:
        raise ReportAlreadyIssued(current)
    document = documents().request(kind="disclosure", case=case, requested_by=actor, force=True)
    said = texts.REPORT_WITH_MYNUMBER if document.includes_mynumber else texts.REPORT_WITHOUT_MYNUMBER
    case_event_record(
        case=case, actor=actor, action=CaseEvent.Action.REPORT_ISSUED, text=said(document=document.pk)
    )
    audit_record(
        action=AuditAction.EXPORT,
        actor=actor,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target="document:disclosure",
        purpose="開示請求への対応",
        detail={"document_id": document.pk, "includes_mynumber": document.includes_mynumber},
    )
    return document
