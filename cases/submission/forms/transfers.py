from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.once import OnceFormMixin


class TransferRequestForm(OnceFormMixin, forms.Form):
    reason = FreeTextField(
        label=_("依頼理由"),
        max_length=200,
        help_text=_("住民基本台帳システムへの反映が必要になった理由 (例: 月次の反映、資格喪失の一括反映)"),
    )
    # The 依頼書 the 係長 checks the request against (PIA III-5); the service refuses a request without it.
    department = FreeTextField(
        label=_("依頼元の担当課"),
        max_length=60,
        help_text=_("情報処理依頼書を提出した担当課 (例: 市民課)"),
        error_messages={"required": _("依頼元の担当課を入力してください。")},
    )
    request_doc_no = FreeTextField(
        label=_("情報処理依頼書の番号"),
        max_length=40,
        error_messages={"required": _("情報処理依頼書の番号を入力してください。")},
    )
    request_doc_date = WarekiDateField(
        label=_("情報処理依頼書の日付"),
        error_messages={"required": _("情報処理依頼書の日付を入力してください。")},
    )
