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
        deductions=170_111,
        specified_relative=1_000,
        general=3,
        elderly=1,
        specified=1,
        disabled=False,
        special_disabled=True,
        widow=False,
        single_parent=True,
        working_student=True,
        # The person's own 特別障害者 status is one of the persons counted (令6条の12第2項2号).
        disability_ordinary=0,
        disability_special=1,
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
    assert person.disability_counts == (1, 0)
    assert person.widow and not person.single_parent
    assert not person.working_student


def test_new_counts_and_the_carryover_map_as_the_statute_counts_them():
    """令5条の4 (16–18 in 特定扶養親族等), 法36条の3 (年少扶養親族 count), 令6条の11 (carry-forward added
    back) and 令6条の12第2項2号 (one 27万/40万 per person the 障害者控除 was taken for)."""
    record = IncomeRecord(
        personal_code="P3",
        tax_year=2026,
        total_income=1_000_000,
        net_loss_carryover=200_000,
        spouse_general=True,
        dependants_general=3,
        dependants_aged16to18=2,
        dependants_under16=2,
        disability_count=2,
        special_disability_count=1,
    )
    person = person_income_from_record(record=record)
    assert (person.general, person.aged16to18, person.under16) == (2, 2, 2)
    assert person.dependant_count == 6
    assert person.income_before_carryover == 1_200_000
    assert person.disability_counts == (2, 1)
    assert not person.disabled  # others' disabilities: deductions, but no 135万円 route
