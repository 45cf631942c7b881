"""Forms of the kernel's steps, the same for every case type. They parse input only; the rules are
in cases/kernel/steps.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.once import OnceFormMixin
from cases.common.params import int_param
from cases.kernel.counter import Counter, IdentityDocument, identity_is_verified
from cases.kernel.models import ChecklistItem
from cases.kernel.services import received_on_refusal

# A group of radio buttons (or boxes) has no box to type in: the generic 「このフィールドは必須です。」 under it
# did not say which choice was missing (QA walk), so each group names itself.
CHOOSE_DECISION = _("決裁を選んでください。")


class IntakeOnceMixin(OnceFormMixin):
    """The intake form's one-time key (hidden): the same form sent twice makes one case
    (workflows/start.py case_start(once=…))."""


class OpenSameMixin(IntakeOnceMixin, forms.Form):
    """The one-time key and the confirmation of a second open case of the same type."""

    # Offered only when the person has an open case of the same type (workflows/views/base.py
    # intake_open_same): a second intake is then taken only when the clerk says so.
    confirm_open_same = forms.BooleanField(
        label=_("受付中の同じ種類の案件があることを確認し、重ねて受け付けます"), required=False
    )


class ReceivedOnMixin(OpenSameMixin, forms.Form):
    """受付日 of an intake form: not after today (a typing slip would start the 送付期限, 則9条, and
    the claim's dates from a day that has not come), said on the field."""

    def clean_received_on(self):
        value = self.cleaned_data.get("received_on")
        refusal = received_on_refusal(value) if value else None
        if refusal:
            raise forms.ValidationError(refusal)
        return value


class CounterFieldsMixin(forms.Form):
    """Who came to the counter: the 代理人 (name, relationship, 委任状). Empty: 本人 came."""

    agent_name = FreeTextField(label=_("代理人氏名"), max_length=100, required=False)
    agent_relationship = FreeTextField(label=_("代理人との関係"), max_length=50, required=False)
    power_of_attorney = forms.BooleanField(label=_("委任状を受領"), required=False)

    def to_counter(self) -> Counter:
        data = self.cleaned_data
        return Counter.from_agent(
            agent_name=data.get("agent_name") or "",
            agent_relationship=data.get("agent_relationship") or "",
            power_of_attorney=data.get("power_of_attorney") or False,
        )

    @staticmethod
    def counter_initial(record) -> dict:
        if record is None:
            return {}
        return {
            "agent_name": record.agent_name,
            "agent_relationship": record.agent_relationship,
            "power_of_attorney": record.power_of_attorney,
        }


class KernelIntakeForm(ReceivedOnMixin, CounterFieldsMixin, forms.Form):
    """The intake form of a type that takes nothing at the counter but the 受付日 and who came: the
    kernel's intake screen's default (workflows/views/intake.py intake_screen)."""

    received_on = WarekiDateField(label=_("受付日"))
    field_order = ["received_on", "agent_name", "agent_relationship", "power_of_attorney"]


class IdentityForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("提示された本人確認書類"),
        choices=IdentityDocument.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Nothing ticked is not taken for 書類不備 (a stray Enter moved the case, exploratory test
    # 2026-12-06): the clerk ticks the documents seen or says the papers are missing.
    insufficient = forms.BooleanField(label=_("書類不備として記録する"), required=False)
    note = FreeTextField(label=_("備考"), max_length=200, required=False)
    due_on = WarekiDateField(label=_("書類の提出期限 (不備の場合)"), required=False)

    def clean(self):
        data = super().clean()
        documents, insufficient = data.get("documents"), data.get("insufficient")
        if not documents and not insufficient and "documents" not in self.errors:
            raise forms.ValidationError(
                _(
                    "本人確認書類が選ばれていません。提示された書類にチェックを入れるか、"
                    "「書類不備として記録する」にチェックを入れてください。"
                )
            )
        if insufficient and documents and identity_is_verified(documents):
            raise forms.ValidationError(
                _("選んだ書類で本人確認ができます。書類不備として記録する場合は、チェックを外してください。")
            )
        return data


class DocumentsOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("結果"),
        choices=[("received", _("書類を受領した (本人確認に戻る)")), ("withdrawn", _("申請を取り下げる"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("結果を選んでください。")},
    )
    comment = FreeTextField(
        label=_("コメント・取下げ理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class _SendBackForm(forms.Form):
    """A decision that may send the case back, with the comment or reason the timeline keeps."""

    reason = FreeTextField(
        label=_("コメント・差戻し理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CrossCheckForm(_SendBackForm):
    decision = forms.ChoiceField(
        label=_("照合結果"),
        choices=[("match", _("一致 (決裁へ)")), ("mismatch", _("不一致 (入力へ差戻し)"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("照合結果を選んでください。")},
    )
    field_order = ["decision", "reason"]


class ApprovalForm(_SendBackForm):
    """決裁 of a case sent to 機構; a type words the choices in a subclass (RequestApprovalForm)."""

    decision = forms.ChoiceField(
        label=_("決裁"),
        choices=[("approve", _("承認 (送付待ちへ)")), ("reject", _("差戻し (入力へ)"))],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_DECISION},
    )
    field_order = ["decision", "reason"]


class ReassignForm(forms.Form):
    to_user = forms.TypedChoiceField(label=_("新しい担当者"), coerce=int)
    reason = FreeTextField(label=_("理由"), max_length=200)
    # The owner the page showed (empty: unowned), sent back so that a 付け替え by another 係長 since
    # then is said rather than silently overridden (engine.task_reassign, shown_owner_id).
    owner = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, candidates=(), owner_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("owner", owner_id or "")
        choices = [("", "―")] + [(u.pk, f"{u} ({u.office})") for u in candidates]
        self.fields["to_user"].choices = choices
        # The present owner is not offered; sent anyway, the engine's 「既に…の担当です」 says why not,
        # rather than a bare "not one of the choices".
        self.fields["to_user"].widget.choices = [choice for choice in choices if choice[0] != owner_id]

    def clean_owner(self) -> int | None:
        return int_param(self.cleaned_data["owner"])


class ChecklistForm(forms.Form):
    """One paper's new state. 不要 is offered to 係長 only (the service checks it again)."""

    code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    state = forms.ChoiceField(label=_("状態"))
    due_on = WarekiDateField(label=_("提出期限 (依頼中)"), required=False)
    note = FreeTextField(label=_("備考・不要の理由"), max_length=200, required=False)

    def __init__(self, *args, waive: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        State = ChecklistItem.State
        self.fields["state"].choices = [(s.value, s.label) for s in State if waive or s != State.WAIVED]

    def errors_text(self) -> str:
        return " ".join(
            f"{self.fields[name].label if name in self.fields else ''}: {' '.join(errors)}"
            for name, errors in self.errors.items()
        )
