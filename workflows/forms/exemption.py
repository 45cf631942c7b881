"""Forms of the exemption steps. They parse input only; the rules are in cases/exemption and the kernel."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.common.codes import APPLIED_KINDS, ExemptionKind, StatutoryGround
from cases.common.date_display import date_show
from cases.common.fields import MonthField, WarekiDateField
from cases.common.freetext import FreeTextField
from cases.common.kana_fields import KanaNameField
from cases.common.texts import Text
from cases.exemption import texts
from cases.exemption.comparison import SELF_HEAD
from cases.exemption.models import (
    DisasterDamage,
    DisasterEvidence,
    JobLossEvidence,
    PersonRole,
    SpecialGround,
)
from cases.exemption.request import REQUEST_FIELDS, ExemptionRequest
from workflows.forms.stages import CounterFieldsMixin, ReceivedOnMixin

# Five preferences: no more distinct kinds can be applied for together (学生納付特例 only alone), and
# 機構's data file carries five (cases/submission/records.py). A sixth box was offered and never usable.
KIND_SLOTS = 5
_KIND_CHOICES = [("", "―")] + [(k.value, k.label) for k in ExemptionKind]


def _era_read(field: WarekiDateField | MonthField) -> Text:
    typed, read = field.era_read
    if isinstance(field, MonthField):
        return texts.ERA_MONTH_READ(typed=typed, month=read)
    return texts.ERA_DATE_READ(typed=typed, date=read)


class ExemptionRequestForm(CounterFieldsMixin, forms.Form):
    """What the applicant asks for; the kinds in the applicant's order of preference."""

    kind_1 = forms.ChoiceField(label=_("第1希望"), choices=_KIND_CHOICES)
    kind_2 = forms.ChoiceField(label=_("第2希望"), choices=_KIND_CHOICES, required=False)
    kind_3 = forms.ChoiceField(label=_("第3希望"), choices=_KIND_CHOICES, required=False)
    kind_4 = forms.ChoiceField(label=_("第4希望"), choices=_KIND_CHOICES, required=False)
    kind_5 = forms.ChoiceField(label=_("第5希望"), choices=_KIND_CHOICES, required=False)
    period_start = MonthField(label=_("対象期間 (開始月)"), required=False)
    period_end = MonthField(label=_("対象期間 (終了月)"), required=False)
    is_student = forms.BooleanField(label=_("学生"), required=False)
    school_name = FreeTextField(label=_("学校名"), max_length=100, required=False)
    graduation_month = MonthField(label=_("卒業予定年月"), required=False)
    special_ground = forms.ChoiceField(label=_("特例"), choices=SpecialGround.choices, required=False)
    job_loss_person = forms.ChoiceField(
        label=_("失業等の該当者"), choices=[("", "―"), *PersonRole.choices], required=False
    )
    job_loss_date = WarekiDateField(label=_("離職日・廃業日"), required=False)
    job_loss_evidence = forms.ChoiceField(
        label=_("証明書類"), choices=JobLossEvidence.choices, required=False
    )
    disaster_date = WarekiDateField(label=_("災害の発生日"), required=False)
    disaster_damage = forms.ChoiceField(
        label=_("災害による損害の程度"),
        choices=DisasterDamage.choices,
        required=False,
        help_text=_("住宅・家財等の被害金額 (保険金・損害賠償金等で補われた額を除く) と、その価格との割合"),
    )
    disaster_evidence = forms.ChoiceField(
        label=_("災害の証明書類"), choices=DisasterEvidence.choices, required=False
    )
    statutory_ground = forms.ChoiceField(
        label=_("法定免除の事由"), choices=[("", "―"), *StatutoryGround.choices], required=False
    )
    statutory_since = WarekiDateField(label=_("事由の発生日"), required=False)
    expected_birth_date = WarekiDateField(label=_("出産予定日"), required=False)
    actual_birth_date = WarekiDateField(label=_("出産日 (出産後の届出)"), required=False)
    multiple_birth = forms.BooleanField(label=_("多胎妊娠"), required=False)
    continuation = forms.BooleanField(
        label=_("継続審査の申出 (全額免除・納付猶予: 翌年度以降も継続して審査)"), required=False
    )
    remarks = FreeTextField(label=_("備考"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    applied_kinds = APPLIED_KINDS
    # The counter's fields come from the mixin; on the paper form they follow the 特例 block.
    field_order = [
        *(f"kind_{n}" for n in range(1, KIND_SLOTS + 1)),
        "period_start",
        "period_end",
        "is_student",
        "school_name",
        "graduation_month",
        "special_ground",
        "job_loss_person",
        "job_loss_date",
        "job_loss_evidence",
        "disaster_date",
        "disaster_damage",
        "disaster_evidence",
        "agent_name",
        "agent_relationship",
        "power_of_attorney",
    ]

    def kinds(self) -> list[str]:
        return [
            self.cleaned_data[f"kind_{n}"]
            for n in range(1, KIND_SLOTS + 1)
            if self.cleaned_data.get(f"kind_{n}")
        ]

    def era_notes(self) -> list[Text]:
        """Dates and months written in the old era after the 改元, read in the new one (A13), for the
        timeline: the system's sentences, worded in each reader's language."""
        return [
            texts.FIELD_NOTE(field=field.label, note=_era_read(field))
            for field in self.fields.values()
            if isinstance(field, WarekiDateField | MonthField) and field.era_read
        ]

    def to_request(self) -> ExemptionRequest:
        data = self.cleaned_data
        return ExemptionRequest(
            kinds=self.kinds(),
            **{
                name: data.get(name) if data.get(name) is not None else _blank(name)
                for name in _SIMPLE_FIELDS
            },
            notes=self.era_notes(),
        )

    @classmethod
    def initial_from(cls, application) -> dict:
        initial = {name: getattr(application, name) for name in _SIMPLE_FIELDS}
        initial.update(cls.counter_initial(getattr(application.case, "counter", None)))
        for index, kind in enumerate(application.kinds[:KIND_SLOTS], start=1):
            initial[f"kind_{index}"] = kind
        return initial


# Every request field but the kinds, which the form spreads over the preference slots.
_SIMPLE_FIELDS = tuple(name for name in REQUEST_FIELDS if name != "kinds")
_TEXT_FIELDS = {
    "school_name",
    "special_ground",
    "job_loss_person",
    "job_loss_evidence",
    "disaster_damage",
    "disaster_evidence",
    "statutory_ground",
    "remarks",
}


def _blank(name: str):
    return "" if name in _TEXT_FIELDS else None


class IntakeForm(ReceivedOnMixin, ExemptionRequestForm):
    received_on = WarekiDateField(label=_("受付日"))


class InputForm(ExemptionRequestForm):
    declared_kana_name = KanaNameField(label=_("氏名 (カナ)"), max_length=100)
    declared_kanji_name = FreeTextField(label=_("氏名 (漢字)"), max_length=100)
    declared_birth_date = WarekiDateField(label=_("生年月日"))
    declared_address = FreeTextField(label=_("住所"), max_length=200)
    spouse = forms.TypedChoiceField(label=_("配偶者"), coerce=int, required=False, empty_value=None)
    householder = forms.TypedChoiceField(label=_("世帯主"), coerce=int, required=False, empty_value=None)
    household_confirmed = forms.BooleanField(
        label=_("配偶者・世帯主を住民記録と申請書で確認した"), required=False
    )

    DECLARED = ("declared_kana_name", "declared_kanji_name", "declared_birth_date", "declared_address")
    HOUSEHOLD = ("spouse", "householder", "household_confirmed")

    # Not "declared_fields": Django's form metaclass owns that name (the class's field dict) and
    # silently replaces a method of that name, which left the 申請書の記載 inputs off the screen.
    def written_fields(self):
        return [self[name] for name in self.DECLARED]

    def household_fields(self):
        return [self[name] for name in self.HOUSEHOLD]

    def request_fields(self):
        return [field for field in self if field.name not in self.DECLARED + self.HOUSEHOLD]

    def clean_declared_birth_date(self):
        # As written on the 申請書: a day after today is a typing mistake (the 照合 compares it with the
        # 住民記録 later; this names it while the clerk still has the paper in hand).
        value = self.cleaned_data.get("declared_birth_date")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(
                gettext("生年月日 (%(date)s) が今日より後です。申請書の記載を確認してください。")
                % {"date": date_show(value)}
            )
        return value

    def __init__(self, *args, household_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        unknown = gettext("続柄不明")  # outside the f-string, where makemessages sees it
        members = [(r.pk, f"{r.kanji_name} ({r.relationship or unknown})") for r in household_choices]
        self.fields["spouse"].choices = [("", gettext("なし")), *members]
        # Empty is the applicant heading the household (the hint says 「世帯主 本人」): it read 「なし」.
        self.fields["householder"].choices = [("", str(SELF_HEAD)), *members]
