"""Build the rules' `PersonIncome` from a stored 所得情報 record (the exemption flow uses this)."""

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.exemption.screening.rules import PersonIncome
from cases.registry.models.income import IncomeRecord


def person_income_from_record(*, record: IncomeRecord) -> PersonIncome:
    """The 住民税 figures as the exemption tests read them.

    * 一般扶養親族数 is the 住民税 count (16–18 and 23–69); the 16–18 among them (内数) move to the
      63万 group of 特定扶養親族等 (令5条の4). 年少扶養親族 (under 16) count too (A3).
    * 障害者控除人数 / 特別障害者控除人数 count everyone the deduction was taken for (令6条の12第2項2号);
      the person's own status is at least one of them, even if an extract left it out of the count.
    * `total_income` is after the 純損失・雑損失 carry-forward; `net_loss_carryover` is added back for
      全額免除・納付猶予 and the 135万円 route (令6条の11).
    """
    aged16to18 = min(record.dependants_aged16to18, record.dependants_general)
    return PersonIncome(
        income=record.total_income,
        loss_carryover=record.net_loss_carryover,
        deductions=record.social_insurance_deductions_etc,
        specified_relative=record.specified_relative_special_deduction,
        general=int(record.spouse_general) + record.dependants_general - aged16to18,
        elderly=int(record.spouse_elderly) + record.dependants_elderly,
        specified=record.dependants_specified,
        aged16to18=aged16to18,
        under16=record.dependants_under16,
        disabled=record.self_disability == DisabilityStatus.DISABLED,
        special_disabled=record.self_disability == DisabilityStatus.SPECIAL,
        widow=record.self_widow == WidowStatus.WIDOW,
        single_parent=record.self_widow == WidowStatus.SINGLE_PARENT,
        working_student=record.working_student_deduction > 0,
        disability_ordinary=max(
            record.disability_count, int(record.self_disability == DisabilityStatus.DISABLED)
        ),
        disability_special=max(
            record.special_disability_count, int(record.self_disability == DisabilityStatus.SPECIAL)
        ),
    )
