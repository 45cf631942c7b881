"""Forms of the 障害基礎年金 screens. They parse input only; the rules are in cases/disability."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import MonthField, WarekiDateField
from cases.common.freetext import FreeTextField
from cases.disability.assessment import FACT_FIELDS, ClaimFacts
from cases.disability.contribution import EXEMPT, PAID, UNPAID, Period
from cases.disability.models import CertificateForm, ClaimBasis, FirstVisitStatus, SpecialEvent
from workflows.forms.stages import CounterFieldsMixin, DocumentsOutcomeForm, ReceivedOnMixin


class ClaimFactsForm(CounterFieldsMixin, forms.Form):
    """The 様式第107号 as the claimant wrote it, and the counter's questions for the routing check."""

    first_visit_on = WarekiDateField(label=_("初診日"), required=False)
    congenital = forms.BooleanField(label=_("先天性の障害 (初診日は生年月日)"), required=False)
    first_clinic = FreeTextField(label=_("初診の医療機関"), max_length=100, required=False)
    certifying_clinic_differs = forms.BooleanField(
        label=_("初診の医療機関と診断書を作成する医療機関が異なる"), required=False, initial=True
    )
    status_at_first_visit = forms.ChoiceField(label=_("初診日の加入状況"), choices=FirstVisitStatus.choices)
    resident_in_japan = forms.BooleanField(
        label=_("初診日に日本国内に住所があった"), required=False, initial=True
    )
    previously_insured = forms.BooleanField(label=_("以前に国民年金の被保険者であった"), required=False)
    early_old_age_claimed = forms.BooleanField(label=_("老齢基礎年金を繰上げ請求している"), required=False)
    # 令1条の2第3号ハ: a 法31条1項 (併合) 障害基礎年金 is the city's, except with a 障害厚生年金・障害共済年金 of the same
    # 支給事由 or an old-law 障害年金 (経過措置政令43条): the box names that exception only (rule sheet §2.1 DOUBT).
    merged = forms.BooleanField(
        label=_("障害厚生年金・障害共済年金 (または旧法の障害年金) を受給しており、併合となる"),
        required=False,
    )
    conditions = FreeTextField(label=_("傷病名"), max_length=200)
    certificate_forms = forms.MultipleChoiceField(
        label=_("診断書の様式"),
        choices=CertificateForm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("診断書の様式を選んでください。")},
    )
    special_event = forms.ChoiceField(
        label=_("障害認定日の特例"), choices=SpecialEvent.choices, required=False
    )
    special_event_on = WarekiDateField(label=_("特例に該当する日 (施術日・開始日)"), required=False)
    cured_on = WarekiDateField(label=_("症状固定日 (治った日)"), required=False)
    claim_basis = forms.ChoiceField(
        label=_("請求事由"),
        choices=ClaimBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("請求事由を選んでください。")},
    )
    # 基準障害 (法30条の3) only; cases/disability/intake.py asks for them when that is the 請求事由.
    other_first_visit_on = WarekiDateField(
        label=_("他の傷病の初診日 (基準障害: 最も遅いもの)"), required=False
    )
    standard_graded_on = WarekiDateField(
        label=_("併合して初めて2級以上に該当した日 (基準障害)"), required=False
    )
    children = forms.IntegerField(label=_("加算対象の子の数"), min_value=0, max_value=20, initial=0)
    remarks = FreeTextField(label=_("備考"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self):
        data = super().clean()
        if (
            not data.get("congenital")
            and not data.get("first_visit_on")
            and "first_visit_on" not in self.errors
        ):
            self.add_error(
                "first_visit_on", _("初診日を入力してください (先天性の障害は欄のチェックで生年月日)。")
            )
        return data

    def to_facts(self, *, birth_date) -> ClaimFacts:
        data = self.cleaned_data
        values = {name: data.get(name) for name in FACT_FIELDS}
        values["first_visit_on"] = birth_date if data["congenital"] else data["first_visit_on"]
        values["special_event"] = data.get("special_event") or ""
        values["first_clinic"] = data.get("first_clinic") or ""
        values["remarks"] = data.get("remarks") or ""
        values["children"] = data.get("children") or 0
        return ClaimFacts(**values)

    @classmethod
    def initial_from(cls, claim) -> dict:
        initial = {name: getattr(claim, name) for name in FACT_FIELDS}
        initial.update(cls.counter_initial(getattr(claim.case, "counter", None)))
        return initial

    def fact_fields(self):
        return [self[name] for name in FACT_FIELDS]

    def counter_fields(self):
        return [self[name] for name in ("agent_name", "agent_relationship", "power_of_attorney")]


class IntakeForm(ReceivedOnMixin, ClaimFactsForm):
    received_on = WarekiDateField(label=_("請求日 (受付日)"))
    # The claim as written first (the cursor starts in 初診日), then who came (the 代理人, rarely), then
    # the day, as on the exemption's intake.
    field_order = [*FACT_FIELDS, "agent_name", "agent_relationship", "power_of_attorney", "received_on"]


class PeriodForm(forms.Form):
    """One run of months as 社会保険オンラインシステム shows it."""

    start = MonthField(label=_("開始月"), required=False)
    end = MonthField(label=_("終了月"), required=False)
    status = forms.ChoiceField(
        label=_("状態"),
        choices=[("", "―"), (PAID, _("納付済")), (EXEMPT, _("免除・猶予")), (UNPAID, _("未納"))],
        required=False,
    )
    settled_on = WarekiDateField(label=_("納付日・免除の申請日"), required=False)
    category3 = forms.BooleanField(label=_("第3号被保険者期間"), required=False)

    def clean(self):
        data = super().clean()
        # A box refused by its own field (「2010/13」) was typed in: it is not also "missing".
        given = {name: bool(data.get(name)) or name in self.errors for name in ("start", "end", "status")}
        missing = [name for name, typed in given.items() if not typed]
        if any(given.values()) and missing:
            self.add_error(None, _("開始月・終了月・状態をすべて入力してください。"))
            self.mark(*missing)
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("終了月は開始月以降にしてください。"))
        return data

    def mark(self, *names):
        """The boxes a row's own error is about: outlined and aria-invalid (the template's `flagged`)."""
        self.flagged = [*getattr(self, "flagged", []), *names]
        for name in names:
            self.fields[name].widget.attrs["aria-invalid"] = "true"

    def wrong(self, name) -> bool:
        return name in self.errors or name in getattr(self, "flagged", [])

    def cells(self):
        """(box, marked wrong) for each column of the row: only a wrong box is outlined, not the row."""
        return [(field, self.wrong(field.name)) for field in self]

    def to_period(self) -> Period | None:
        data = self.cleaned_data
        if not data.get("start"):
            return None
        return Period(
            data["start"], data["end"], data["status"], data.get("settled_on"), bool(data.get("category3"))
        )


PeriodFormSet = forms.formset_factory(PeriodForm, extra=4, max_num=40, validate_max=True)


class InputForm(ClaimFactsForm):
    """入力: the claim as written, the 現症日 of each 診断書, the papers received, and (for 書類不備)
    the deadline."""

    insured_at_first_visit = forms.BooleanField(label=_("初診日に被保険者であった"), required=False)
    contribution_confirmed = forms.BooleanField(
        label=_("社会保険オンラインシステムの納付状況を確認し、下の期間に写した"), required=False
    )
    received = forms.MultipleChoiceField(
        label=_("受領した書類"), widget=forms.CheckboxSelectMultiple, required=False
    )
    due_on = WarekiDateField(label=_("不足書類の提出期限 (書類不備にする場合)"), required=False)
    note = FreeTextField(label=_("不足書類の連絡メモ"), max_length=200, required=False)

    def __init__(self, *args, windows=(), pending=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.window_names = []
        for code, label in windows:
            name = f"current_on_{code}"
            self.fields[name] = WarekiDateField(
                label=_("診断書 (%(window)s) の現症日") % {"window": label}, required=False
            )
            self.window_names.append((code, name))
        self.fields["received"].choices = list(pending)

    def current_on(self) -> dict:
        return {code: self.cleaned_data.get(name) for code, name in self.window_names}

    def certificate_fields(self):
        return [self[name] for _code, name in self.window_names]

    def paper_fields(self):
        return [self["received"], self["due_on"], self["note"]]

    def contribution_fields(self):
        return [self["insured_at_first_visit"], self["contribution_confirmed"]]


class DisabilityDocumentsOutcomeForm(DocumentsOutcomeForm):
    outcome = forms.ChoiceField(
        label=_("結果"),
        choices=[
            ("received", _("書類を受領した (依頼した作業に戻る)")),
            ("withdrawn", _("請求を取り下げる")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("結果を選んでください。")},
    )
