"""What the applicant's own records say about an exemption request: whether the resident can apply at
all, what the months asked for rule out (任意加入, the 納付猶予's limits, 継続審査's years), and the 申請年度
the request would be taken for (the intake's check for an open case of the same 年度)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind
from cases.exemption.ages import age_months_apply
from cases.exemption.continuation import continuation_years_validate
from cases.exemption.deferral import deferral_limit, deferral_limit_text
from cases.exemption.membership import VOLUNTARY_KINDS, kinds_by_month, memberships_of
from cases.exemption.periods import ApplicationYear, month_start, months_text
from cases.exemption.request import ExemptionRequest, exemption_request_normalize
from cases.registry.models.residents import Resident


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
