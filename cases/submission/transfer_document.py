"""The 依頼元の担当課 and 情報処理依頼書 (番号・日付) a 住基への移転 request names, and the columns the 依頼書
asks for (PIA III-5: 「提供先の各担当課より原則的に情報処理依頼書及び申請書を提出してもらう…依頼書等の内容を
検査した上で、必要な情報のみを提供」): checked when the request is made, and written into every access-log
entry of the transfer, with the reason of a rejection."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.common.date_display import date_show
from cases.common.freetext import validate_no_mynumber
from cases.submission.models import RegistryTransfer
from cases.submission.transfer_columns import transfer_columns_check, transfer_columns_chosen

REQUEST_DOCUMENT_SAID = _lazy("依頼元: %(department)s / 情報処理依頼書: %(number)s (%(date)s)")
COLUMNS_SAID = _lazy("項目: %(columns)s")
REJECTION_SAID = _lazy("却下の理由: %(reason)s")


def transfer_document_detail(transfer: RegistryTransfer) -> dict:
    """The 依頼元, 依頼書, columns and any rejection's reason in each entry of the transfer, and as the
    sentence the log's 「利用目的・理由」 column shows (kept in Japanese, as the log keeps its purposes;
    what was typed stays as typed)."""
    detail, said = {}, []
    if transfer.rejection_reason:
        detail["rejection_reason"] = transfer.rejection_reason
    with translation.override(None):
        if transfer.rejection_reason:
            said.append(str(REJECTION_SAID) % {"reason": transfer.rejection_reason})
        if transfer.requesting_department:  # blank: a request from before the 依頼書 was recorded
            day = transfer.request_doc_date
            said.append(
                str(REQUEST_DOCUMENT_SAID)
                % {
                    "department": transfer.requesting_department,
                    "number": transfer.request_doc_no,
                    "date": date_show(day),
                }
            )
            detail.update(
                department=transfer.requesting_department,
                request_doc_no=transfer.request_doc_no,
                request_doc_date=day.isoformat() if day else None,
            )
        if transfer.columns:
            said.append(str(COLUMNS_SAID) % {"columns": "・".join(transfer_columns_chosen(transfer.columns))})
            detail["columns"] = list(transfer.columns)
    if said:
        detail["reason"] = " / ".join(said)
    return detail


def transfer_document_check(
    reason: str, department: str, number: str, day: dt.date | None, columns: Iterable[str]
) -> list[str]:
    """Every part of the request, each error under its field (the form shows them there); returns the
    file's columns (cases.submission.transfer_columns.transfer_columns_check)."""
    errors = {}
    if not reason:
        errors["reason"] = _("依頼理由を入力してください。")
    if not department:
        errors["department"] = _("依頼元の担当課を入力してください。")
    if not number:
        errors["request_doc_no"] = _("情報処理依頼書の番号を入力してください。")
    if day is None:
        errors["request_doc_date"] = _("情報処理依頼書の日付を入力してください。")
    elif day > timezone.localdate():
        errors["request_doc_date"] = _("情報処理依頼書の日付に未来の日付は指定できません。")
    # 番号法 20条: every text kept on the request (and in the log) is refused a 個人番号 here, not only on the form.
    for field, text in (("reason", reason), ("department", department), ("request_doc_no", number)):
        try:
            validate_no_mynumber(text)
        except ValidationError as exc:
            errors.setdefault(field, exc.messages[0])
    try:
        columns = transfer_columns_check(columns)
    except ValidationError as exc:
        errors["columns"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    return columns


def transfer_rejection_check(reason: str) -> str:
    """A rejection says why (the requester reads it, the auditor reviews it), without a 個人番号: kept on
    the request and in the access log, where 番号法 20条 forbids keeping one (cases.common.freetext)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"rejection_reason": _("却下の理由を入力してください。")})
    try:
        validate_no_mynumber(reason)
    except ValidationError as exc:
        raise ValidationError({"rejection_reason": exc.messages[0]}) from None
    return reason[:200]
