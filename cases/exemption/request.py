"""What an exemption application asks for, and the rules that decide whether it can be accepted."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.codes import APPLIED_KINDS, ExemptionKind
from cases.exemption.models import SpecialGround
from cases.exemption.periods import (
    applied_period_validate,
    fiscal_year_of,
    maternity_notice_validate,
    maternity_period,
    month_start,
    statutory_period_start,
)
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
    "statutory_ground",
    "statutory_since",
    "expected_birth_date",
    "actual_birth_date",
    "multiple_birth",
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
    statutory_ground: str = ""
    statutory_since: dt.date | None = None
    expected_birth_date: dt.date | None = None
    actual_birth_date: dt.date | None = None
    multiple_birth: bool = False
    remarks: str = ""
    fiscal_year: int = field(default=0, init=False)

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
    if request.is_statutory:
        if not request.statutory_ground:
            errors["statutory_ground"] = _("法定免除の事由を選んでください。")
        if not request.statutory_since:
            errors["statutory_since"] = _("法定免除の事由が発生した日を入力してください。")
    if request.is_maternity and not request.expected_birth_date:
        errors["expected_birth_date"] = _("出産予定日を入力してください。")


def exemption_request_normalize(*, request: ExemptionRequest, applied_on: dt.date) -> ExemptionRequest:
    """Validates the request and fills in the months the law fixes (法定免除, 産前産後) and the 申請年度.

    Raises ValidationError keyed by field; nothing is saved by this function.
    """
    errors: dict[str, str] = {}
    _kinds_validate(request, errors)
    _grounds_validate(request, errors)
    if errors:
        raise ValidationError(errors)
    if request.is_statutory:
        request.period_start = statutory_period_start(since=request.statutory_since)
        request.period_end = None
    elif request.is_maternity:
        maternity_notice_validate(expected=request.expected_birth_date, applied_on=applied_on)
        request.period_start, request.period_end = maternity_period(
            expected=request.expected_birth_date,
            multiple=request.multiple_birth,
            actual=request.actual_birth_date,
        )
    else:
        if not request.period_start or not request.period_end:
            raise ValidationError({"period_start": _("対象期間 (開始月・終了月) を入力してください。")})
        request.period_start, request.period_end = (
            month_start(request.period_start),
            month_start(request.period_end),
        )
        fiscal_year = fiscal_year_of(request.period_start, student=request.is_student)
        applied_period_validate(
            start=request.period_start,
            end=request.period_end,
            fiscal_year=fiscal_year,
            student=request.is_student,
            applied_on=applied_on,
        )
    request.fiscal_year = fiscal_year_of(request.period_start, student=request.is_student)
    return request


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
