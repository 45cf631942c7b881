from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.once import OnceFormMixin
from cases.submission.transfer_columns import CHOOSABLE, NONE_CHOSEN, NOT_CHOOSABLE

# The columns' names as the screens show them (the file's header stays in Japanese: it is the format).
COLUMN_LABELS = {
    "区分": _("区分"),
    "宛名番号": _("宛名番号"),
    "資格取得日": _("資格取得日"),
    "付加加入日": _("付加加入日"),
    "基礎年金番号": _("基礎年金番号"),
    "被保険者種別": _("被保険者種別"),
    "資格取得理由": _("資格取得理由"),
    "資格喪失日": _("資格喪失日"),
    "資格喪失理由": _("資格喪失理由"),
    "付加種別": _("付加種別"),
    "付加脱退日": _("付加脱退日"),
    "更新日時": _("更新日時"),
    "資格取得届出日": _("資格取得届出日"),
    "資格喪失届出日": _("資格喪失届出日"),
    "高齢任意加入": _("高齢任意加入"),
    "付加加入届出日": _("付加加入届出日"),
    "付加脱退届出日": _("付加脱退届出日"),
}


class TransferRequestForm(OnceFormMixin, forms.Form):
    reason = FreeTextField(
        label=_("依頼理由"),
        max_length=200,
        help_text=_("住民基本台帳システムへの反映が必要になった理由 (例: 月次の反映、資格喪失の一括反映)"),
        error_messages={"required": _("依頼理由を入力してください。")},
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
    # None ticked: the clerk ticks what the 依頼書 lists (PIA III-5 「必要な情報のみを提供」). All ticked
    # would make a hurried request provide everything again, and the 係長 could not tell a column asked
    # for from one left ticked; an empty choice is refused, so nothing goes out unchosen either.
    columns = forms.MultipleChoiceField(
        label=_("移転する項目"),
        choices=[(column, COLUMN_LABELS[column]) for column in CHOOSABLE],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "情報処理依頼書が求める項目だけを選んでください。区分・宛名番号・資格取得日・付加加入日は、"
            "どの人のどの期間の行かを示すため常に含まれます。"
        ),
        error_messages={"required": NONE_CHOSEN, "invalid_choice": NOT_CHOOSABLE},
    )


class TransferDecideForm(forms.Form):
    """The approval screen's reason box; the service requires it when the 係長 rejects."""

    rejection_reason = FreeTextField(
        label=_("却下の理由"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("却下するときは必ず入力してください。依頼者に表示され、アクセスログに記録されます。"),
    )
