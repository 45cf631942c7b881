"""The checks of what an exemption request says, before its months are settled
(exemption_request_normalize, cases/exemption/request.py): the kinds asked for and whether they go
together, the facts each ground needs, and the dates. Every problem is found, keyed by its field."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.codes import APPLIED_KINDS, ExemptionKind
from cases.exemption.models import DisasterDamage, SpecialGround
from cases.kernel.services import received_on_refusal

if TYPE_CHECKING:
    from cases.exemption.request import ExemptionRequest


def request_fields_validate(request: ExemptionRequest, *, applied_on: dt.date, today: dt.date) -> None:
    """Raises ValidationError keyed by field with every problem found; clears the facts of a 災害 ground
    the request does not apply for."""
    errors: dict[str, str] = {}
    _kinds_validate(request, errors)
    _grounds_validate(request, errors)
    _dates_validate(request, applied_on, today, errors)
    if errors:
        raise ValidationError(errors)


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
