"""What an exemption application asks for, and the rules that decide whether it can be accepted."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.codes import APPLIED_KINDS, ExemptionKind
from cases.common.texts import Text
from cases.exemption.ages import age_months_apply
from cases.exemption.continuation import continuation_years_validate
from cases.exemption.deferral import deferral_limit, deferral_limit_text
from cases.exemption.membership import VOLUNTARY_KINDS, kinds_by_month, memberships_of
from cases.exemption.models import DisasterDamage, SpecialGround
from cases.exemption.periods import (
    ApplicationYear,
    applied_period_validate,
    disaster_window_validate,
    fiscal_year_of,
    job_loss_window_validate,
    maternity_notice_validate,
    maternity_period,
    month_start,
    months_text,
    period_not_ahead_validate,
    statutory_period_start,
)
from cases.exemption.student import former_student_validate, graduation_validate
from cases.kernel.services import received_on_refusal
from cases.registry.models.residents import Resident

REQUEST_FIELDS = (
    "kinds",
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
    "statutory_ground",
    "statutory_since",
    "expected_birth_date",
    "actual_birth_date",
    "multiple_birth",
    "continuation",
    "remarks",
)


@dataclass
class ExemptionRequest:
    kinds: list[str]
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    is_student: bool = False
    school_name: str = ""
    graduation_month: dt.date | None = None
    special_ground: str = ""
    job_loss_person: str = ""
    job_loss_date: dt.date | None = None
    job_loss_evidence: str = ""
    disaster_date: dt.date | None = None
    disaster_damage: str = ""
    disaster_evidence: str = ""
    statutory_ground: str = ""
    statutory_since: dt.date | None = None
    expected_birth_date: dt.date | None = None
    actual_birth_date: dt.date | None = None
    multiple_birth: bool = False
    continuation: bool = False
    remarks: str = ""
    fiscal_year: int = field(default=0, init=False)
    # Warnings from reading the form (e.g. an old-era date, A13): kept on the case's timeline as the
    # system's sentences (cases/exemption/texts.py), worded in each reader's language.
    notes: list[Text] = field(default_factory=list)

    @property
    def is_statutory(self) -> bool:
        return self.kinds == [ExemptionKind.STATUTORY]

    @property
    def is_maternity(self) -> bool:
        return self.kinds == [ExemptionKind.MATERNITY]

    @property
    def needs_income_test(self) -> bool:
        return not (self.is_statutory or self.is_maternity)


def _kinds_validate(request: ExemptionRequest, errors: dict[str, str]) -> None:
    kinds = request.kinds
    if not kinds:
        errors["kinds"] = _("申請する免除種類を1つ以上選んでください。")
    elif len(set(kinds)) != len(kinds):
        errors["kinds"] = _("同じ免除種類が重複しています。")
    elif ExemptionKind.STATUTORY in kinds or ExemptionKind.MATERNITY in kinds:
        if len(kinds) != 1:
            errors["kinds"] = _("法定免除・産前産後免除の届出は、他の免除種類と同時に申請できません。")
    elif any(kind not in APPLIED_KINDS for kind in kinds):
        errors["kinds"] = _("免除種類の指定が正しくありません。")
    elif request.is_student and kinds != [ExemptionKind.STUDENT]:
        errors["kinds"] = _("学生は学生納付特例のみ申請できます (申請免除・納付猶予は対象外)。")
    elif not request.is_student and ExemptionKind.STUDENT in kinds:
        errors["kinds"] = _("学生納付特例は学生のみ申請できます。")


def _grounds_validate(request: ExemptionRequest, errors: dict[str, str]) -> None:
    if request.special_ground == SpecialGround.UNEMPLOYMENT:
        if not request.job_loss_date:
            errors["job_loss_date"] = _("失業等による特例には離職日 (廃業日) が必要です。")
        if not request.job_loss_evidence:
            errors["job_loss_evidence"] = _("失業等を証明する書類を選んでください。")
        if not request.job_loss_person:
            errors["job_loss_person"] = _("失業等に該当する方 (本人・配偶者・世帯主) を選んでください。")
    if request.special_ground == SpecialGround.DISASTER:
        # 則77条の7第1号: the year of the disaster decides the months it serves; the share of the property
        # lost may still be unknown (the ground is then not taken, and the income test screens).
        if not request.disaster_date:
            errors["disaster_date"] = _("災害による特例には災害の発生日が必要です。")
        if request.disaster_damage == DisasterDamage.HALF_OR_MORE and not request.disaster_evidence:
            errors["disaster_evidence"] = _(
                "損害がおおむね2分の1以上のときは、それを明らかにする書類 (罹災証明書など) を選んでください "
                "(国民年金法施行規則77条の7第1号)。"
            )
    else:
        # Facts of a ground not applied for would be printed and screened as if it were.
        request.disaster_date, request.disaster_damage, request.disaster_evidence = None, "", ""
    if request.is_statutory:
        if not request.statutory_ground:
            errors["statutory_ground"] = _("法定免除の事由を選んでください。")
        if not request.statutory_since:
            errors["statutory_since"] = _("法定免除の事由が発生した日を入力してください。")
    if request.is_maternity and not request.expected_birth_date:
        errors["expected_birth_date"] = _("出産予定日を入力してください。")
    if request.continuation and not {ExemptionKind.FULL, ExemptionKind.DEFERRAL} & set(request.kinds):
        errors["continuation"] = _(
            "継続審査の申出は全額免除または納付猶予を申請する場合にできます "
            "(国民年金法施行規則77条3項・77条の5第3項)。"
        )


def _dates_validate(request: ExemptionRequest, applied_on: dt.date, today: dt.date, errors: dict) -> None:
    refusal = received_on_refusal(applied_on, today)
    if refusal:
        errors["received_on"] = refusal
    if request.is_statutory and request.statutory_since and request.statutory_since > applied_on:
        errors["statutory_since"] = _("法定免除の事由の発生日は受付日以前の日付にしてください。")


def _maternity_birth(request: ExemptionRequest, applied_on: dt.date) -> dt.date | None:
    """法88条の2 with 則73条の6: the actual birth date counts only when the child was born before the
    届出 (on or before the receipt date); a birth after it leaves the period on the expected date."""
    actual = request.actual_birth_date
    return actual if actual is not None and actual <= applied_on else None


def _continuation_validate(request: ExemptionRequest, applied_on: dt.date) -> None:
    """則77条3項: the 申出 only on an application whose months include the month it is made in."""
    if request.continuation and not request.period_start <= month_start(applied_on) <= request.period_end:
        raise ValidationError(
            {
                "continuation": _(
                    "継続審査の申出は、申請する期間に受付日の月が含まれる場合に限られます "
                    "(国民年金法施行規則77条3項)。"
                )
            }
        )


def exemption_request_normalize(
    *, request: ExemptionRequest, applied_on: dt.date, today: dt.date | None = None
) -> ExemptionRequest:
    """Validates the request and fills in the months the law fixes (法定免除, 産前産後) and the 申請年度.

    `applied_on` is the receipt date; `today` defaults to the local date. Raises ValidationError
    keyed by field; nothing is saved by this function.
    """
    errors: dict[str, str] = {}
    _kinds_validate(request, errors)
    _grounds_validate(request, errors)
    _dates_validate(request, applied_on, today or timezone.localdate(), errors)
    if errors:
        raise ValidationError(errors)
    if request.is_statutory:
        request.period_start = statutory_period_start(since=request.statutory_since)
        request.period_end = None
    elif request.is_maternity:
        born = _maternity_birth(request, applied_on)
        if born is None:
            # 則73条の7第3項 (「出産の予定日の六月前から」) bounds a 届出 before the birth; one after it states the
            # 出産の日 (同条1項2号), however far off the expected date was (a 流産 in the 4th month).
            maternity_notice_validate(expected=request.expected_birth_date, applied_on=applied_on)
        request.period_start, request.period_end = maternity_period(
            expected=request.expected_birth_date, multiple=request.multiple_birth, actual=born
        )
    else:
        if not request.period_start or not request.period_end:
            raise ValidationError({"period_start": _("対象期間 (開始月・終了月) を入力してください。")})
        request.period_start, request.period_end = (
            month_start(request.period_start),
            month_start(request.period_end),
        )
        period_not_ahead_validate(
            start=request.period_start, student=request.is_student, applied_on=applied_on
        )
        fiscal_year = fiscal_year_of(request.period_start, student=request.is_student)
        applied_period_validate(
            start=request.period_start,
            end=request.period_end,
            fiscal_year=fiscal_year,
            student=request.is_student,
            applied_on=applied_on,
        )
        period = {
            "start": request.period_start,
            "end": request.period_end,
            "student": request.is_student,
            "applied_on": applied_on,
        }
        if request.is_student:
            graduation_validate(
                start=request.period_start, end=request.period_end, graduation=request.graduation_month
            )
        else:
            former_student_validate(start=request.period_start, graduation=request.graduation_month)
        if request.special_ground == SpecialGround.UNEMPLOYMENT:
            job_loss_window_validate(job_loss_date=request.job_loss_date, **period)
        if request.special_ground == SpecialGround.DISASTER:
            disaster_window_validate(disaster_date=request.disaster_date, **period)
        _continuation_validate(request, applied_on)
    request.fiscal_year = fiscal_year_of(request.period_start, student=request.is_student)
    return request


def request_application_year(
    *, resident: Resident, request: ExemptionRequest, applied_on: dt.date
) -> ApplicationYear | None:
    """The 申請年度 the request would be taken for, with its kind (学生年度 or 免除年度: the year is counted
    as a 学生年度 exactly when the request is a student's, fiscal_year_of), for the intake's check for an
    open case of the same 年度 (cases/exemption/casetype.py, whose key reads the stored application the
    same way); None when it cannot be taken as it is (the intake says why).

    The months are settled as the intake service settles them before storing the case (exemption_intake:
    exemption_request_normalize, then applicant_request_validate's age_months_apply): a 法定免除 届出 whose
    ground arose before the 20歳 month starts at that month (法89条1項 covers 被保険者 only, 法7条1項1号・8条1号),
    which may be a 免除年度 later (則77条1項) than the month before the ground's; the key read before that
    move missed a double intake of the stored year and asked about the year before."""
    try:
        normalized = exemption_request_normalize(request=request, applied_on=applied_on)
        age_months_apply(request=normalized, birth_date=resident.birth_date)
    except ValidationError:
        return None
    return ApplicationYear(normalized.is_student, normalized.fiscal_year)


def applicant_validate(*, resident: Resident) -> None:
    if resident.removed_on is not None:
        raise ValidationError(
            {"resident": _("%(name)s さんは住民記録から消除されています。") % {"name": resident.kanji_name}}
        )
    pension = getattr(resident, "pension", None)
    if pension is None or not pension.basic_pension_no:
        raise ValidationError(
            {"resident": _("基礎年金番号が登録されていません。年金基本情報を確認してください。")}
        )


def applicant_request_validate(*, resident: Resident, request: ExemptionRequest, applied_on: dt.date) -> None:
    """What the applicant's own records rule out, once the months are known (after normalizing). A
    法定免除 届出 reaching back before the 20歳 month is made to start there (cases/exemption/ages.py)."""
    age_months_apply(request=request, birth_date=resident.birth_date)
    first, last = (
        request.period_start,
        request.period_end or max(request.period_start, month_start(applied_on)),
    )
    by_month = kinds_by_month(memberships_of(resident), first, last)
    voluntary = [month for month, kind in by_month.items() if kind in VOLUNTARY_KINDS]
    if voluntary:
        # 法附則5条10項 (88条の2〜90条の3 do not apply), 平成16年法附則19条5項・平成26年法附則14条4項 (納付猶予),
        # 平成16年法附則23条10項 (特例高齢任意加入).
        raise ValidationError(
            {
                "resident": _(
                    "資格情報では %(months)s は任意加入被保険者 (特例高齢任意加入を含む) の期間です。"
                    "任意加入の方は保険料の免除・納付猶予・学生納付特例・法定免除・産前産後免除を受けられません "
                    "(国民年金法附則5条10項ほか)。"
                )
                % {"months": months_text(voluntary)}
            }
        )
    # Either limit of 納付猶予 (the 50歳 month: 平成26年法律第64号附則14条1項; 令和12年6月: that article and 平成16年
    # 法律第104号附則19条2項, cited for the months applied for), named as it applies.
    limit = (
        deferral_limit(birth_date=resident.birth_date, fiscal_year=request.fiscal_year)
        if ExemptionKind.DEFERRAL in request.kinds
        else None
    )
    if limit is not None and limit.month < first:
        raise ValidationError(
            {
                "kinds": _(
                    "%(limit)sこの申請期間には対象となる月がないため、希望する種類から納付猶予を外してください。"
                )
                % {"limit": deferral_limit_text(limit, birth_date=resident.birth_date, months=by_month)}
            }
        )
    continuation_years_validate(request=request, birth_date=resident.birth_date)
