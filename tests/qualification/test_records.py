"""Form 31 in the weekly data file: the data record and the 資格届出 record after it carry what 則1条の4,
3条, 4条, 6条の2 ask of the 届書 — name, sex, birth date, address, the date and the reason, 基礎年金番号
(or, without one, a flag that the 個人番号 is on the 届書: never in the data file)."""

import datetime as dt

import pytest

from cases.kernel.models import Case, CaseType
from cases.qualification.casetype import qualification_filed
from cases.qualification.models import QualificationFiling
from cases.registry.models.pension import PensionRecord
from cases.registry.models.residents import Resident
from cases.submission.datafile import data_files_build
from cases.submission.fixed_length import DATA, RecordValueError, file_decode, record_encode
from cases.submission.records import data_values, form_record_values

D = dt.date
FULL_SPACE = "\u3000".encode("cp932")


def known(*, pension_no="1234567890", address="旭川市7条通9丁目48番地", kanji="旭 太郎"):
    resident = Resident(
        kana_name="アサヒ タロウ", kanji_name=kanji, birth_date=D(1995, 6, 15), sex="1", address=address
    )
    PensionRecord(resident=resident, basic_pension_no=pension_no)
    case = Case(
        number="2026-000200", case_type=CaseType.QUALIFICATION, resident=resident, received_on=D(2026, 4, 8)
    )
    filing = QualificationFiling(
        case=case,
        kind="kind_change",
        event="leave_employee_pension",
        event_date=D(2026, 3, 31),
        filed_on=D(2026, 4, 8),
        effective_on=D(2026, 4, 1),
        insured_kind_before="2",
        insured_kind_after="1",
        acquired_reason="03",
        deadline_status="on_time",
    )
    return case, qualification_filed(filing)


def test_rule_6_2_the_qualification_record_bytes_of_a_kind_change():
    case, filed = known()
    record = record_encode(*form_record_values(case, filed), subject=case.number)
    assert record == (
        b"4"
        + b"2026-000200".ljust(20)
        + b"03"  # 届出区分: 種別変更届
        + b"03"  # 資格取得理由: 厚生年金等喪失 (2号→1号)
        + b"9080331"  # 事由発生日: the last day employed
        + b"9080401"  # 種別変更日 (法11条の2)
        + b"2" + b"1"  # 種別 2 → 1
        + b"00000"  # 付加: none
        + b"9080408"  # 届出年月日
        + b"1"  # 期限内
        + b"0" + b"0"  # 任意加入の根拠, 納付方法
        + b"1"  # 基礎年金番号 in the data record
        + "旭\u3000太郎".encode("cp932") + FULL_SPACE * 16  # 漢字氏名: full width, padded with 全角空白
        + "旭川市７条通９丁目４８番地".encode("cp932") + FULL_SPACE * 37  # 住所: digits made full width
        + b" " * 3
    )  # fmt: skip


def test_rule_1_4_1_4_a_person_without_a_pension_number_is_flagged_and_no_mynumber_is_written():
    case, filed = known(pension_no=None)
    values = data_values(case, filed)
    assert values["basic_pension_no"] in ("", None) and values["form_code"] == "31"
    layout, extra = form_record_values(case, filed)
    assert (
        layout.title == "資格届出レコード" and extra["number_kind"] == "2"
    )  # the 個人番号 is printed on the 届書 PDF only
    files = data_files_build(
        header={
            "lg_code": "012041",
            "created_on": "9080408",
            "bundle_number": "R20260408-1000",
            "cutoff_on": "9080408",
        },
        records=[{**values, "form_record": (layout, extra), "subject": case.number}],
    )
    decoded = file_decode(files.dat)
    assert decoded[1][1]["基礎年金番号"] == "0000000000" and decoded[2][1]["番号の区分"] == "2"
    assert decoded[-1][1]["資格届出レコード件数"] == "0000001"


def test_an_exemption_record_still_needs_its_pension_number():
    case, _filed = known(pension_no=None)
    case.case_type = "exemption"
    from cases.exemption.models import ExemptionApplication

    ExemptionApplication(case=case, fiscal_year=2025, kinds=["full"], period_start=D(2025, 7, 1))
    with pytest.raises(RecordValueError, match="基礎年金番号"):
        data_values(case, {"kinds": ["full"], "fiscal_year": 2025, "period_start": D(2025, 7, 1)})


def test_an_address_too_long_for_the_record_is_refused_not_cut():
    case, filed = known(address="北海道旭川市" + "あ" * 50)
    with pytest.raises(RecordValueError) as caught:
        record_encode(*form_record_values(case, filed), subject=f"整理番号 {case.number}")
    assert "住所" in str(caught.value) and "切り詰めずに中止しました" in str(caught.value)


def test_a_character_cp932_cannot_carry_in_the_name_is_refused():
    case, filed = known(kanji="𠮷田 太郎")
    with pytest.raises(RecordValueError, match="CP932 で表せない文字"):
        record_encode(*form_record_values(case, filed), subject=case.number)


def test_the_data_record_of_a_qualification_case_leaves_the_exemption_fields_zero():
    case, filed = known()
    _layout, values = file_decode(
        record_encode(DATA, data_values(case, filed), subject=case.number) + b"\r\n"
    )[0]
    assert (
        values["届書種別"] == "31" and values["免除種類 (第1希望)"] == "00" and values["申請年度"] == "0000"
    )
