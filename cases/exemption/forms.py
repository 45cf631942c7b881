"""窓口相談: the figures a resident tells the counter, for the 参考 income pre-screen."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.common.date_display import fiscal_year_show
from cases.common.fields import WarekiDateField
from cases.common.identifiers.eras import to_wareki
from cases.exemption.periods import fiscal_year_bounds
from cases.exemption.screening.rules import APPLICANT, HOUSEHOLDER, SPOUSE, PersonIncome, ScreeningInput
from cases.exemption.screening.values import CATEGORY1, SPECIAL_ELDERLY, VOLUNTARY

_AMOUNT_ERROR = _("0以上の整数 (円) で入力してください")
_COUNT_ERROR = _("0以上の整数 (人数) で入力してください")
ROLE_TITLES = {APPLICANT: _("本人"), SPOUSE: _("配偶者"), HOUSEHOLDER: _("世帯主")}


# 「120万」「120万5000」: 万 with up to four digits after it (a 千 or a decimal 万 is not read).
_MAN = re.compile(r"(\d+)万(\d{0,4})")


class YenField(forms.IntegerField):
    """Accepts what people type at a counter: 全角 digits, 「1,200,000」, 「¥1,200,000」, 「1 200 000」, a
    trailing 円, and 万 (「120万」 = 1,200,000, 「120万5000」 = 1,205,000). Anything else is refused."""

    default_error_messages = {"invalid": _AMOUNT_ERROR, "min_value": _AMOUNT_ERROR}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(unicodedata.normalize("NFKC", value).split())  # every space, 全角 too
            value = value.replace(",", "").removeprefix("¥").removeprefix("\\").removesuffix("円")
            if "万" in value:
                man = _MAN.fullmatch(value)
                if not man:
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                value = str(int(man[1]) * 10_000 + int(man[2] or 0))
        return super().to_python(value)


def _count_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=99,
        error_messages={"invalid": _COUNT_ERROR, "min_value": _COUNT_ERROR, "max_value": _COUNT_ERROR},
        widget=forms.NumberInput(attrs={"min": 0, "max": 99}),
    )


def _person_fields() -> dict[str, forms.Field]:
    return {
        "income": YenField(
            label=_("前年所得 (総所得金額等)"), required=False, help_text=_("純損失・雑損失の繰越控除後の額")
        ),
        "loss_carryover": YenField(
            label=_("純損失・雑損失の繰越控除額"),
            required=False,
            help_text=_("全額免除・納付猶予と135万円の基準は繰越控除前の所得で判定します (令6条の11)"),
        ),
        "deductions": YenField(
            label=_("社会保険料控除額等"),
            required=False,
            help_text=_(
                "社会保険料・医療費・雑損・小規模企業共済等掛金・配偶者特別控除と肉用牛売却免除所得の合計 (令6条の12第2項)"
            ),
        ),
        "specified_relative": YenField(
            label=_("特定親族特別控除"), required=False, help_text=_("2026年度以降の基準で差し引きます")
        ),
        "general": _count_field(_("控除対象配偶者・扶養親族 (23〜69歳) の人数")),
        "aged16to18": _count_field(_("扶養親族 (16〜18歳) の人数")),
        "specified": _count_field(_("特定扶養親族 (19〜22歳) の人数")),
        "under16": _count_field(_("年少扶養親族 (16歳未満) の人数")),
        "elderly": _count_field(_("老人控除対象配偶者・老人扶養親族 (70歳以上) の人数")),
        "disability": forms.TypedChoiceField(
            label=_("本人の障害"),
            choices=DisabilityStatus.choices,
            coerce=int,
            initial=0,
            required=False,
            empty_value=0,
        ),
        "disability_count": _count_field(
            _("障害者控除の対象人数 (本人を含む)"), help_text=_("空欄のときは本人の障害から数えます")
        ),
        "special_disability_count": _count_field(_("特別障害者控除の対象人数 (本人を含む)")),
        "widow": forms.TypedChoiceField(
            label=_("寡婦・ひとり親控除"),
            choices=WidowStatus.choices,
            coerce=int,
            initial=0,
            required=False,
            empty_value=0,
        ),
        "working_student": forms.BooleanField(label=_("勤労学生控除あり"), required=False),
    }


@dataclass(frozen=True)
class Section:
    role: str
    title: str
    toggle: forms.BoundField | None  # 「配偶者なし」「本人が世帯主」
    fields: tuple[forms.BoundField, ...]


class ConsultationForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("免除年度"), coerce=int)
    birth_date = WarekiDateField(
        label=_("本人の生年月日"),
        required=False,
        # 50歳: 平成26年法附則14条1項 alone; 令和12年6月 ends 平成16年法附則19条2項 (before the 30歳 month) too.
        help_text=_(
            "納付猶予の対象月 (50歳に達する月の前月まで: 平成26年法律第64号附則14条1項、令和12年6月まで: "
            "平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項) を判定します"
        ),
    )
    age = forms.IntegerField(
        label=_("本人の年齢"),
        required=False,
        min_value=0,
        max_value=150,
        help_text=_("生年月日が分からないときに使います (どちらも空欄のときは納付猶予を判定できません)"),
        error_messages={
            "invalid": _("0以上の整数 (歳) で入力してください"),
            "min_value": _("0以上の整数 (歳) で入力してください"),
            "max_value": _("150以下で入力してください"),
        },
    )
    is_student = forms.BooleanField(label=_("本人は学生 (学生納付特例の対象校)"), required=False)
    insured_kind = forms.ChoiceField(
        label=_("本人の被保険者種別"),
        choices=[
            (CATEGORY1, _("第1号被保険者")),
            (VOLUNTARY, _("任意加入被保険者")),
            (SPECIAL_ELDERLY, _("特例高齢任意加入被保険者")),
        ],
        initial=CATEGORY1,
        required=False,  # blank: 第1号
    )
    public_assistance = forms.BooleanField(
        label=_("本人または世帯員が生活扶助以外の扶助 (住宅・教育・医療扶助等) を受けている"), required=False
    )
    no_spouse = forms.BooleanField(label=_("配偶者なし"), required=False)
    applicant_is_householder = forms.BooleanField(label=_("本人が世帯主"), required=False)

    toggles = {SPOUSE: "no_spouse", HOUSEHOLDER: "applicant_is_householder"}

    def __init__(self, *args, years: list[int], current_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(year, _year_label(year)) for year in years]
        self.fields["fiscal_year"].initial = current_year
        for role in (APPLICANT, SPOUSE, HOUSEHOLDER):
            for name, field in _person_fields().items():
                self.fields[f"{role}_{name}"] = field

    def _active(self, role: str) -> bool:
        toggle = self.toggles.get(role)
        return toggle is None or not self.cleaned_data.get(toggle)

    def clean(self):
        cleaned = super().clean()
        for role in (APPLICANT, SPOUSE, HOUSEHOLDER):
            names = [f"{role}_{name}" for name in _person_fields()]
            if not self._active(role):
                # A ticked 「配偶者なし」 makes whatever is in the spouse column irrelevant, typos included.
                for name in names:
                    self.errors.pop(name, None)
                continue
            if cleaned.get(f"{role}_income") is None and f"{role}_income" not in self.errors:
                message = {
                    APPLICANT: _("本人の前年所得を入力してください"),
                    SPOUSE: _("配偶者の前年所得を入力するか「配偶者なし」を選んでください"),
                    HOUSEHOLDER: _("世帯主の前年所得を入力するか「本人が世帯主」を選んでください"),
                }[role]
                self.add_error(f"{role}_income", message)
        return cleaned

    def sections(self) -> list[Section]:
        return [
            Section(
                role=role,
                title=str(ROLE_TITLES[role]),
                toggle=self[self.toggles[role]] if role in self.toggles else None,
                fields=tuple(self[f"{role}_{name}"] for name in _person_fields()),
            )
            for role in (APPLICANT, SPOUSE, HOUSEHOLDER)
        ]

    def _person(self, role: str) -> PersonIncome | None:
        if not self._active(role):
            return None

        def value(name: str) -> int:
            return self.cleaned_data.get(f"{role}_{name}") or 0

        disability = value("disability")
        widow = value("widow")
        counts = [
            self.cleaned_data.get(f"{role}_{name}")
            for name in ("disability_count", "special_disability_count")
        ]
        return PersonIncome(
            income=value("income"),
            loss_carryover=value("loss_carryover"),
            deductions=value("deductions"),
            specified_relative=value("specified_relative"),
            general=value("general"),
            elderly=value("elderly"),
            specified=value("specified"),
            aged16to18=value("aged16to18"),
            under16=value("under16"),
            disabled=disability == DisabilityStatus.DISABLED,
            special_disabled=disability == DisabilityStatus.SPECIAL,
            widow=widow == WidowStatus.WIDOW,
            single_parent=widow == WidowStatus.SINGLE_PARENT,
            working_student=bool(self.cleaned_data.get(f"{role}_working_student")),
            # Both blank: counted from the person's own status (the JSON contract's default).
            disability_ordinary=None if counts == [None, None] else counts[0] or 0,
            disability_special=None if counts == [None, None] else counts[1] or 0,
        )

    def period(self) -> tuple[dt.date, dt.date]:
        """The whole 免除年度 chosen (学生: the 学生年度 of that number)."""
        student = bool(self.cleaned_data.get("is_student"))
        return fiscal_year_bounds(self.cleaned_data["fiscal_year"], student=student)

    def to_input(self) -> ScreeningInput:
        # The applicant column has no toggle, so it is always active.
        data = self.cleaned_data
        return ScreeningInput(
            applicant=self._person(APPLICANT),  # type: ignore[arg-type]
            spouse=self._person(SPOUSE),
            householder=self._person(HOUSEHOLDER),
            age=data.get("age"),
            birth_date=data.get("birth_date"),
            period=self.period(),
            is_student=bool(data.get("is_student")),
            insured_kind=data.get("insured_kind") or CATEGORY1,
            public_assistance=bool(data.get("public_assistance")),
        )


def _year_label(year: int) -> str:
    if translation.get_language() == "en":
        return fiscal_year_show(
            year
        )  # FY2026 (R8), as every English screen writes a 年度 ("令和 8" read oddly)
    era = to_wareki(dt.date(year, 7, 1))
    # 元年 is how Japanese writes an era's first year; English just says 1.
    era_year = pgettext("和暦の元年", "元") if era.year == 1 else str(era.year)
    return _("%(year)s年度 (%(era)s%(era_year)s年度)") % {
        "year": year,
        "era": era.era.name,
        "era_year": era_year,
    }
