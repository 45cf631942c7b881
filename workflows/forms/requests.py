"""Forms of the 開示・訂正・利用停止請求 steps. They parse input only; the rules are in cases.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.kernel.counter import IdentityDocument
from cases.kernel.models import CaseType, Requester
from cases.requests.services import GRANT, REFUSE, WITHDRAW
from workflows.forms.stages import CHOOSE_DECISION, ApprovalForm, OpenSameMixin

REQUEST_TYPE_CHOICES = [
    (CaseType.DISCLOSURE.value, CaseType.DISCLOSURE.label),
    (CaseType.CORRECTION.value, CaseType.CORRECTION.label),
    (CaseType.SUSPENSION.value, CaseType.SUSPENSION.label),
]
_TEXTAREA = forms.Textarea(attrs={"rows": 3})


class RequestIntakeForm(OpenSameMixin, forms.Form):
    # Radio groups name themselves when none is chosen (workflows/forms/stages.py CHOOSE_DECISION).
    case_type = forms.ChoiceField(
        label=_("請求の種類"),
        choices=REQUEST_TYPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("請求の種類を選んでください。")},
    )
    received_on = WarekiDateField(label=_("受付日"))
    requester = forms.ChoiceField(
        label=_("請求者"),
        choices=Requester.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("請求者を選んでください。")},
    )
    agent_name = FreeTextField(label=_("代理人氏名 (代理人の場合)"), max_length=100, required=False)
    agent_relationship = FreeTextField(
        label=_("代理人の資格 (法定代理人・任意代理人 等)"), max_length=50, required=False
    )
    identity_documents = forms.MultipleChoiceField(
        label=_("請求者の本人確認書類"),
        choices=IdentityDocument.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    identity_note = FreeTextField(
        label=_("本人確認の備考 (代理権の確認書類 等)"), max_length=200, required=False
    )
    content = FreeTextField(label=_("請求の内容"), widget=_TEXTAREA, max_length=2000)


_DECISIONS = {
    CaseType.DISCLOSURE: (_("開示する (係長が開示報告書を作成)"), _("開示しない")),
    CaseType.CORRECTION: (_("訂正する"), _("訂正しない")),
    CaseType.SUSPENSION: (_("利用を停止する"), _("利用を停止しない")),
}


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("対応"), widget=forms.RadioSelect, error_messages={"required": _("対応を選んでください。")}
    )
    target = forms.ChoiceField(label=_("訂正する記録・項目 (現在の値)"), required=False)
    new_value = FreeTextField(
        label=_("訂正後の値"),
        max_length=500,
        required=False,
        help_text=_(
            "日付は 令和8年4月1日 / 2026-04-01、区分はコードまたは名称で入力します。空欄にする場合は何も入力しません。"
        ),
    )
    suspension_scope = FreeTextField(label=_("停止する利用の範囲"), widget=_TEXTAREA, required=False)
    refusal_reason = FreeTextField(label=_("請求に応じない理由"), widget=_TEXTAREA, required=False)
    note = FreeTextField(label=_("対応の内容・備考 (取下げの場合は経緯)"), widget=_TEXTAREA, required=False)

    def __init__(self, *args, case_type: str, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        grant, refuse = _DECISIONS[case_type]
        self.fields["decision"].choices = [(GRANT, grant), (REFUSE, refuse), (WITHDRAW, _("請求の取下げ"))]
        if case_type == CaseType.CORRECTION:
            self.fields["target"].choices = [("", "―")] + [
                (group, [(t.key, f"{t.label.split(': ', 1)[-1]} ({t.current})") for t in items])
                for group, items in targets
            ]
        else:
            del self.fields["target"], self.fields["new_value"]
        if case_type != CaseType.SUSPENSION:
            del self.fields["suspension_scope"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "note": data["note"],
            "refusal_reason": data["refusal_reason"],
            "correction_target": data.get("target", ""),
            "correction_value": data.get("new_value", ""),
            "suspension_scope": data.get("suspension_scope", ""),
        }


class RequestApprovalForm(ApprovalForm):
    decision = forms.ChoiceField(
        label=_("決裁"),
        choices=[("approve", _("承認 (対応を実施し、回答へ)")), ("reject", _("差戻し (対応へ)"))],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_DECISION},
    )


class AnswerForm(forms.Form):
    answered_on = WarekiDateField(label=_("請求者へ回答した日"))
    outcome = FreeTextField(label=_("回答した結果"), widget=_TEXTAREA)


class MyNumberApprovalForm(forms.Form):
    reason = FreeTextField(
        label=_("個人番号を記載する理由"),
        max_length=200,
        help_text=_("本人から個人番号の開示も求められている場合に限ります。"),
    )


class DeadlineExtendForm(forms.Form):
    """決定期限の延長 (個人情報保護法 83条2項等): up to 30 days, once, with the reason the requester is told."""

    days = forms.IntegerField(label=_("延長する日数"), min_value=1, max_value=30, initial=30)
    reason = FreeTextField(label=_("延長の理由 (請求者に書面で通知します)"), max_length=200)
