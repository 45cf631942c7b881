from cases.common.codes import DisabilityStatus, WidowStatus
from cases.exemption.screening.income import person_income_from_record
from cases.exemption.screening.rules import PersonIncome
from cases.registry.models.income import IncomeRecord


def test_income_record_maps_to_the_tested_person():
    record = IncomeRecord(
        personal_code="P1",
        tax_year=2025,
        total_income=900_000,
        self_disability=DisabilityStatus.SPECIAL,
        self_widow=WidowStatus.SINGLE_PARENT,
        spouse_general=True,
        spouse_elderly=False,
        dependants_general=2,
        dependants_elderly=1,
        dependants_specified=1,
        working_student_deduction=270_000,
        social_insurance_deduction=150_000,
        medical_deduction=20_000,
        casualty_loss_deduction=1,
        small_business_mutual_aid_deduction=10,
        spouse_special_deduction=100,
        specified_relative_special_deduction=1_000,
        # The fixed amounts come from the rule set, not from the record's own columns.
        disability_deduction=999_999,
        single_parent_deduction=999_999,
    )
    assert person_income_from_record(record=record) == PersonIncome(
        income=900_000,
        deductions=171_111,
        general=3,
        elderly=1,
        specified=1,
        disabled=False,
        special_disabled=True,
        widow=False,
        single_parent=True,
        working_student=True,
    )


def test_elderly_spouse_counts_as_elderly_and_plain_statuses_map():
    record = IncomeRecord(
        personal_code="P2",
        tax_year=2025,
        total_income=0,
        self_disability=DisabilityStatus.DISABLED,
        self_widow=WidowStatus.WIDOW,
        spouse_elderly=True,
    )
    person = person_income_from_record(record=record)
    assert (person.general, person.elderly, person.specified) == (0, 1, 0)
    assert person.disabled and not person.special_disabled
    assert person.widow and not person.single_parent
    assert not person.working_student
