"""The data file 機構 reads: exact bytes, one length for every record, CP932, era codes, and values
that do not fit refused rather than cut."""

import datetime as dt

import pytest

from cases.exemption.casetype import exemption_filed
from cases.exemption.models import ExemptionApplication
from cases.kernel.filing import kiko_form
from cases.kernel.models import Case, CaseType
from cases.registry.models.pension import Exemption, PensionRecord
from cases.registry.models.residents import Resident
from cases.submission.datafile import DataFileError, data_files_build
from cases.submission.fixed_length import (
    DATA,
    HEADER,
    RECORD_LENGTH,
    FieldType,
    RecordValueError,
    file_decode,
    record_encode,
    record_layout,
    trailer_layout,
)
from cases.submission.records import data_values, header_values


def known_case(*, kana="アサヒ タロウ", kinds=("full", "half"), pension_no="1234567890") -> tuple:
    resident = Resident(kana_name=kana, kanji_name="旭 太郎", birth_date=dt.date(1995, 6, 15), sex="1")
    PensionRecord(resident=resident, basic_pension_no=pension_no)
    case = Case(
        number="2026-000123",
        case_type=CaseType.EXEMPTION,
        resident=resident,
        received_on=dt.date(2025, 8, 4),
    )
    ExemptionApplication(case=case, fiscal_year=2025, kinds=list(kinds), period_start=dt.date(2025, 7, 1))
    exemption = Exemption(
        reference_no=case.number, reason="01", start_on=dt.date(2025, 7, 1), end_on=dt.date(2026, 6, 30)
    )
    return case, exemption


def values_of(case, exemption) -> dict:
    return data_values(case, exemption_filed(case.exemption, exemption))


def data_record(case, exemption) -> bytes:
    return record_encode(DATA, values_of(case, exemption), subject=f"整理番号 {case.number}")


HEADER_VALUES = header_values(
    lg_code="012041",
    bundle_number="S20260306-1500",
    created_on=dt.date(2026, 3, 6),
    cutoff_on=dt.date(2026, 3, 6),
)


def layouts_shipped() -> list:
    """The header, the data record, the trailer and form 31's 資格届出レコード (cases/kernel/filing_records.py)."""
    return [HEADER, DATA, trailer_layout(), record_layout(kiko_form("31").record)]


@pytest.mark.parametrize("index", range(4), ids=["header", "data", "trailer", "qualification"])
def test_every_layout_covers_200_bytes_without_gaps(index):
    layout = layouts_shipped()[index]
    position = 1
    for field in layout.fields:
        assert field.start == position, field.name
        position += field.length
    assert position - 1 == RECORD_LENGTH
    assert layout.fields[0].name == "レコード区分" and layout.fields[0].constant == layout.record_type


def test_header_record_bytes():
    assert record_encode(HEADER, HEADER_VALUES, subject="ヘッダ") == (
        b"1" + b"012041" + b"9080306" + b"S20260306-1500".ljust(20) + b"9080306" + b" " * 159
    )


def test_data_record_bytes_for_a_known_case():
    case, exemption = known_case()
    assert data_record(case, exemption) == (
        b"2"
        + b"2026-000123".ljust(20)  # 整理番号
        + b"1234567890"  # 基礎年金番号
        + b"11"  # 届書種別: 免除・納付猶予申請書
        + b"01" + b"03" + b"00" * 3  # 免除種類: 全額, 半額, (空き)
        + b"01"  # 免除該当理由: 所得基準
        + b"2025"  # 申請年度
        + b"9070701"  # 対象期間 開始 令和7年7月1日
        + b"9080630"  # 対象期間 終了 令和8年6月30日
        + b"9070804"  # 受付年月日 令和7年8月4日
        + "ｱｻﾋ ﾀﾛｳ".encode("cp932").ljust(40)  # カナ氏名 (半角カナ)
        + b"7070615"  # 生年月日 平成7年6月15日
        + b"1"  # 性別
        + b" " * 82
    )  # fmt: skip


def test_trailer_record_bytes():
    # The 資格届出レコード count (届書種別 31) is zeros in a bundle without such cases.
    assert (
        record_encode(trailer_layout(), {"count": 1}, subject="トレーラ")
        == b"3" + b"0000001" + b"0000000" + b" " * 185
    )


def test_the_file_is_cp932_with_crlf_and_every_record_the_same_length():
    case, exemption = known_case(kana="サイトウ ショウタ")
    other, other_exemption = known_case(kana="ｳﾞｧｲｵﾘﾝ ﾊﾅｺ")  # already half-width: kept as is
    records = [
        {**values_of(c, e), "subject": c.number} for c, e in ((case, exemption), (other, other_exemption))
    ]
    files = data_files_build(header=HEADER_VALUES, records=records)
    lines = files.dat.split(b"\r\n")
    assert lines[-1] == b"" and len(lines) == 5
    assert {len(line) for line in lines[:-1]} == {RECORD_LENGTH}
    assert [line[:1] for line in lines[:-1]] == [b"1", b"2", b"2", b"3"]
    decoded = file_decode(files.dat)
    assert decoded[1][1]["カナ氏名"] == "ｻｲﾄｳ ｼｮｳﾀ"
    assert decoded[2][1]["カナ氏名"] == "ｳﾞｧｲｵﾘﾝ ﾊﾅｺ"
    assert decoded[3][1]["データレコード件数"] == "0000002"
    assert "ｻｲﾄｳ".encode("cp932") in files.dat  # half-width katakana are single CP932 bytes


def test_era_codes_cover_showa_heisei_and_reiwa():
    case, exemption = known_case()
    case.resident.birth_date = dt.date(1988, 5, 3)  # 昭和63年5月3日
    case.received_on = dt.date(2019, 4, 30)  # 平成31年4月30日, the last day of 平成
    exemption.start_on = dt.date(2019, 5, 1)  # 令和元年5月1日
    _layout, values = file_decode(data_record(case, exemption) + b"\r\n")[0]
    assert values["生年月日"] == "5630503"
    assert values["受付年月日"] == "7310430"
    assert values["対象期間 (開始)"] == "9010501"


def test_an_open_ended_period_is_written_as_zeros():
    case, exemption = known_case()
    exemption.end_on = None
    _layout, values = file_decode(data_record(case, exemption) + b"\r\n")[0]
    assert values["対象期間 (終了)"] == "0000000"


def test_an_over_long_name_is_refused_not_truncated():
    case, exemption = known_case(kana="アサヒ " + "タ" * 40)
    with pytest.raises(RecordValueError) as caught:
        data_record(case, exemption)
    message = str(caught.value)
    assert "2026-000123" in message and "カナ氏名" in message
    assert "40バイト" in message and "44バイト" in message and "切り詰めず" in message


def test_a_character_cp932_cannot_carry_is_refused():
    # Ainu small katakana (Unicode 3.2) are used in Hokkaido names and are not in CP932.
    case, exemption = known_case(kana="カㇷ゚ ㇰ")
    with pytest.raises(RecordValueError) as caught:
        data_record(case, exemption)
    assert "CP932 で表せない文字「ㇷ」(U+31F7)" in str(caught.value)
    assert "カナ氏名" in str(caught.value)


def test_kana_without_a_half_width_form_is_refused():
    case, exemption = known_case(kana="ヰノウエ")
    with pytest.raises(RecordValueError, match="半角で表せない文字「ヰ」"):
        data_record(case, exemption)


@pytest.mark.parametrize(
    ("kana", "char"),
    [
        ("ヰノウエ", "ヰ"),  # historic kana: no half-width form
        ("ヱモト", "ヱ"),
        ("イチヶヤ", "ヶ"),  # small ヶ ヵ ヮ: no half-width form either
        ("ヮタ", "ヮ"),
        ("サヽキ", "ヽ"),  # iteration marks
        ("ミスヾ", "ヾ"),
        ("ヷタナベ", "ヷ"),  # ヷ–ヺ: not in CP932 at all
        ("アサヒ〜タロウ", "〜"),
    ],
)
def test_kana_a_kana_box_takes_but_the_record_cannot_carry_are_refused_naming_the_field(kana, char):
    """What a カナ氏名 may hold (the 住民記録's import and the kana boxes take U+30A0–U+30FF and hiragana)
    that the 半角カナ record has no byte for: each needs a 送付用 spelling (tests/bundles/test_sent_kana_name.py)."""
    case, exemption = known_case(kana=kana)
    with pytest.raises(RecordValueError) as caught:
        data_record(case, exemption)
    assert caught.value.field.name == "カナ氏名" and f"「{char}」(U+{ord(char):04X})" in caught.value.problem


@pytest.mark.parametrize(
    ("kana", "written"),
    [
        ("ア゛キ", "ｱﾞｷ"),  # a spacing voiced mark after a letter that has no voiced form
        ("カ゛ン", "ｶﾞﾝ"),  # … or after one that has: the same bytes as ガ
        ("ア\u3099キ", "ｱﾞｷ"),  # the combining mark NFKC leaves after ア
        ("ﾊ゜ｸ", "ﾊﾟｸ"),
        ("ｱﾞｷ", "ｱﾞｷ"),  # already half-width: kept as is
    ],
)
def test_voiced_marks_written_apart_are_carried_as_the_half_width_marks(kana, written):
    """半角カナ writes every voiced mark as its own byte (ﾞ ﾟ), so a mark written apart is width only:
    NFKC turned it into a combining mark CP932 has no byte for, and the record refused the name."""
    case, exemption = known_case(kana=kana)
    record = data_record(case, exemption)
    assert record[70:110] == written.encode("cp932").ljust(40)


def test_a_number_that_is_not_a_number_or_too_long_is_refused():
    case, exemption = known_case(pension_no="12345-6789")
    with pytest.raises(RecordValueError, match="基礎年金番号 — 数字以外を含みます"):
        data_record(case, exemption)
    case, exemption = known_case(pension_no="12345678901")
    with pytest.raises(RecordValueError, match="10桁に収まりません"):
        data_record(case, exemption)


def test_a_missing_required_value_is_refused():
    case, exemption = known_case(pension_no=None)
    with pytest.raises(RecordValueError, match="基礎年金番号 — 値がありません"):
        data_record(case, exemption)


def test_the_file_lists_every_bad_case_at_once():
    good = known_case()
    long_name = known_case(kana="タ" * 50)
    bad_char = known_case(kana="ㇰ")
    records = [
        {**values_of(c, e), "subject": f"整理番号 {n}"}
        for n, (c, e) in enumerate([good, long_name, bad_char])
    ]
    with pytest.raises(DataFileError) as caught:
        data_files_build(header=HEADER_VALUES, records=records)
    assert len(caught.value.problems) == 2
    assert "整理番号 1" in caught.value.problems[0] and "整理番号 2" in caught.value.problems[1]


def test_header_refuses_a_malformed_local_government_code():
    with pytest.raises(DataFileError, match="地方公共団体コード"):
        data_files_build(header={**HEADER_VALUES, "lg_code": "0120415"}, records=[])


def test_the_layout_is_documented_field_by_field():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "formats" / "submission.md").read_text(
        encoding="utf-8"
    )
    for layout in layouts_shipped():
        for field in layout.fields:
            row = f"| {field.start} | {field.length} | {field.name} | {field.type.value} |"
            assert row in doc, f"{layout.title}: {row}"
    assert FieldType.KANA.value in doc
