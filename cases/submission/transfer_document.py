"""The 依頼元の担当課 and 情報処理依頼書 (番号・日付) a 住基への移転 request names (PIA III-5: 「提供先の各担当課
より原則的に情報処理依頼書及び申請書を提出してもらう…依頼書等の内容を検査した上で、必要な情報のみを提供」):
checked when the request is made, and written into every access-log entry of the transfer."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.common.date_display import date_show
from cases.common.freetext import validate_no_mynumber
from cases.submission.models import RegistryTransfer

REQUEST_DOCUMENT_SAID = _lazy("依頼元: %(department)s / 情報処理依頼書: %(number)s (%(date)s)")


def transfer_document_detail(transfer: RegistryTransfer) -> dict:
    """The 依頼元 and 依頼書 in each entry of the transfer, and as the sentence the log's 「利用目的・理由」
    column shows (kept in Japanese, as the log keeps its purposes; what was typed stays as typed)."""
    if not transfer.requesting_department:
        return {}  # a request from before the 依頼書 was recorded
    day = transfer.request_doc_date
    with translation.override(None):
        said = str(REQUEST_DOCUMENT_SAID) % {
            "department": transfer.requesting_department,
            "number": transfer.request_doc_no,
            "date": date_show(day),
        }
    return {
        "department": transfer.requesting_department,
        "request_doc_no": transfer.request_doc_no,
        "request_doc_date": day.isoformat() if day else None,
        "reason": said,
    }


def transfer_document_check(reason: str, department: str, number: str, day: dt.date | None) -> None:
    """Every part of the request, each error under its field (the form shows them there)."""
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
    for field, text in (("department", department), ("request_doc_no", number)):
        try:
            validate_no_mynumber(text)
        except ValidationError as exc:
            errors.setdefault(field, exc.messages[0])
    if errors:
        raise ValidationError(errors)
