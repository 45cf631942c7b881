"""Forms of the 資格届出 screens. They parse input only; the rules are in cases/qualification."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.common.codes import InsuredKind
from cases.common.fields import MonthField, WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.uploads import CsvFileField
from cases.kernel.models import Requester
from cases.qualification.models import Event, FilingKind, PaymentMethod, QualificationList
from cases.qualification.request import QualificationRequest
from workflows.forms.stages import CounterFieldsMixin, ReceivedOnMixin

_BEFORE_CHOICES = [("", _("資格情報のとおり")), *InsuredKind.choices]


# The 届書's fields as the filing stores them, in the order the form shows them (the 被保険者種別 before
# the event is asked at 入力 only, between the event date and the rest).
STORED_FIELDS = (
    "kind",
    "event",
    "event_date",
    "japanese_national",
    "old_age_entitled",
    "early_claimed",
    "paid_months",
    "payment_method",
    "payment_reason",
    "pension_fund_member",
    "paid_through",
    "late_reason",
    "remarks",
)


class FilingForm(CounterFieldsMixin, forms.Form):
    """The 届書 / 申出書 as written. Which fields a kind uses is said on the screen; the service refuses
    what a kind cannot take, naming the field."""

    kind = forms.ChoiceField(label=_("届出の種類"), choices=FilingKind.choices)
    event = forms.ChoiceField(label=_("事由"), choices=Event.choices)
    event_date = WarekiDateField(
        label=_("事由発生日"),
        required=False,
        help_text=_(
            "転入日・転出日・退職日 (最後に勤務した日)・配偶者の退職日・死亡日など。申出と20歳到達は不要"
        ),
    )
    insured_kind_before = forms.ChoiceField(
        label=_("届出前の種別"),
        choices=_BEFORE_CHOICES,
        required=False,
        help_text=_("資格情報が実際と異なるときだけ選びます (要確認として記録されます)"),
    )
    japanese_national = forms.BooleanField(label=_("日本国籍"), required=False, initial=True)
    old_age_entitled = forms.BooleanField(label=_("老齢・退職の年金の受給権がある"), required=False)
    early_claimed = forms.BooleanField(label=_("老齢基礎年金を繰上げ受給している"), required=False)
    paid_months = forms.IntegerField(
        label=_("保険料納付済等の月数"), required=False, min_value=0, max_value=999
    )
    payment_method = forms.ChoiceField(label=_("納付方法"), choices=PaymentMethod.choices, required=False)
    payment_reason = FreeTextField(label=_("口座振替によらない事由"), max_length=200, required=False)
    pension_fund_member = forms.BooleanField(label=_("国民年金基金の加入員"), required=False)
    paid_through = MonthField(label=_("納付済・前納済の最終月 (付加の辞退)"), required=False)
    late_reason = FreeTextField(label=_("届出が遅れた理由"), max_length=200, required=False)
    remarks = FreeTextField(label=_("備考"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    # The 届書 as written first, then who came (the 代理人, rarely): the mixin's fields would lead.
    field_order = [*STORED_FIELDS[:3], "insured_kind_before", *STORED_FIELDS[3:]]

    def to_request(self) -> QualificationRequest:
        data = self.cleaned_data
        return QualificationRequest(
            kind=data["kind"],
            event=data["event"],
            event_date=data.get("event_date"),
            insured_kind_before=data.get("insured_kind_before") or "",
            japanese_national=bool(data.get("japanese_national")),
            old_age_entitled=bool(data.get("old_age_entitled")),
            early_claimed=bool(data.get("early_claimed")),
            paid_months=data.get("paid_months"),
            payment_method=data.get("payment_method") or "",
            payment_reason=data.get("payment_reason") or "",
            pension_fund_member=bool(data.get("pension_fund_member")),
            paid_through=data.get("paid_through"),
            late_reason=data.get("late_reason") or "",
            remarks=data.get("remarks") or "",
        )

    @classmethod
    def initial_from(cls, filing, counter=None) -> dict:
        initial = {name: getattr(filing, name) for name in STORED_FIELDS}
        if counter is not None and counter.requester == Requester.AGENT:
            initial.update(cls.counter_initial(counter))
        return initial


class InputForm(FilingForm):
    """入力: the 届書 as written, and — when a required paper (離職票 …) is missing — the deadline and a
    note for asking for it (書類不備)."""

    due_on = WarekiDateField(label=_("不足書類の提出期限 (書類不備にする場合)"), required=False)
    note = FreeTextField(label=_("不足書類の連絡メモ"), max_length=200, required=False)

    def filing_fields(self):
        return [field for field in self if field.name not in ("due_on", "note")]

    def paper_fields(self):
        return [self["due_on"], self["note"]]


class IntakeForm(ReceivedOnMixin, FilingForm):
    received_on = WarekiDateField(label=_("受付日 (届出日)"))
    field_order = ["received_on", *FilingForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class CloseSolicitationForm(forms.Form):
    reason = FreeTextField(
        label=_("終了の理由"),
        max_length=200,
        help_text=_("例: 応答なし、厚生年金に再加入、転出"),
        error_messages={"required": _("終了の理由を入力してください。")},
    )


class ListImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("一覧の種類"), choices=QualificationList.Kind.choices)
    file = CsvFileField(label=_("一覧のファイル (CSV)"), max_bytes=20 * 1024 * 1024)
