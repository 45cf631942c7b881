"""Build the rules' `PersonIncome` from a stored 所得情報 record (the exemption flow uses this)."""

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.exemption.screening.rules import PersonIncome
from cases.registry.models.income import IncomeRecord


def person_income_from_record(*, record: IncomeRecord) -> PersonIncome:
    return PersonIncome(
        income=record.total_income,
        deductions=record.social_insurance_deductions_etc,
        general=record.dependants_general_total,
        elderly=record.dependants_elderly_total,
        specified=record.dependants_specified,
        disabled=record.self_disability == DisabilityStatus.DISABLED,
        special_disabled=record.self_disability == DisabilityStatus.SPECIAL,
        widow=record.self_widow == WidowStatus.WIDOW,
        single_parent=record.self_widow == WidowStatus.SINGLE_PARENT,
        working_student=record.working_student_deduction > 0,
    )
