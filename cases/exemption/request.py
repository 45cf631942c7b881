"""What an exemption application asks for, and settling it: the checks of what was written
(request_checks.py), then the months the law fixes and the 申請年度. What the applicant's own records rule
out is cases/exemption/applicant.py."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind
from cases.common.texts import Text
from cases.exemption.models import SpecialGround
from cases.exemption.periods import (
    applied_period_validate,
    disaster_window_validate,
    fiscal_year_of,
    job_loss_window_validate,
    maternity_notice_validate,
    maternity_period,
    month_start,
    period_not_ahead_validate,
    statutory_period_start,
)
from cases.exemption.request_checks import request_fields_validate
from cases.exemption.student import former_student_validate, graduation_validate

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
    request_fields_validate(request, applied_on=applied_on, today=today or timezone.localdate())
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
