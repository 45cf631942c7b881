"""Every kind of bad input: the exact line, column and Japanese reason, and nothing imported."""

import codecs
import re

import pytest
from django.utils import translation

from cases.registry.imports.errors import message_worded
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory

from .factories import (
    INCOME_COLUMNS,
    RESIDENT_COLUMNS,
    import_income,
    import_residents,
    income_row,
    mynumber,
    resident,
    write_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(tmp_path):
    """Two residents already on file, so 'nothing changed' is checked against real rows."""
    import_residents(write_csv(tmp_path, [resident(1), resident(2)], name="existing.csv"))
    return _state()


def _state():
    return (
        list(Resident.objects.order_by("pk").values_list("atena_no", "address", "updated_at")),
        MyNumber.objects.count(),
        ResidentHistory.objects.count(),
    )


MYNUMBER_IN_COLUMN = "個人番号と思われる12桁の番号があります。個人番号は「個人番号」の列にだけ書いてください"
RESIDENT_CASES = [
    ("生年月日", "1990-02-30", "「1990-02-30」は日付として正しくありません (YYYY-MM-DD)"),
    ("生年月日", "1990/02/28", "「1990/02/28」は日付の形式ではありません (YYYY-MM-DD)"),
    ("生年月日", "20900101", "「20900101」は日付の形式ではありません (YYYY-MM-DD)"),
    ("生年月日", "2999-01-01", "「2999-01-01」は未来の日付です"),
    ("生年月日", "1066-10-14", "「1066-10-14」は1868年より前の日付です"),
    ("生年月日", "", "値がありません (必須項目です)"),
    ("住定日", "1980-01-01", "生年月日より前の日付です"),
    ("宛名番号", "12A4", "「12A4」は半角数字で入力してください"),
    ("宛名番号", "１２３", "「１２３」は半角数字で入力してください"),
    ("宛名番号", "1" * 21, "20文字以内で入力してください (21文字あります)"),
    ("世帯主", "2", "「2」はコードとして正しくありません (使えるコード: 1, 0)"),
    ("性別", "M", "「M」はコードとして正しくありません (使えるコード: 1, 2)"),
    (
        "異動事由",
        "42",
        "「42」はコードとして正しくありません (使えるコード: 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 99)",
    ),
    ("異動事由", "05", "異動事由が「死亡」のときは消除日が必要です"),
    ("カナ氏名", "山田 タロウ", "「山田 タロウ」にカナ以外の文字があります"),
    ("漢字氏名", "", "値がありません (必須項目です)"),
    ("現住所", "あ" * 201, "200文字以内で入力してください (201文字あります)"),
    # Exploratory test 2026-12-06: a 個人番号 typed into a text column was imported and shown in plain on
    # the resident's page (番号法 19条: the number only in its own, encrypted column).
    ("漢字氏名", "テスト271828182840", MYNUMBER_IN_COLUMN),
    ("続柄", "2718 2818 2840", MYNUMBER_IN_COLUMN),
    ("現住所", "北海道旭川市２７１８－２８１８－２８４０", MYNUMBER_IN_COLUMN),
    ("国籍", "271828182840", MYNUMBER_IN_COLUMN),
    ("個人番号", "123456789017", "個人番号の検査用数字 (12桁目) が一致しません。番号を確認してください。"),
    ("個人番号", "12345", "個人番号は12桁の数字で入力してください。"),
]


@pytest.mark.parametrize("column, value, message", RESIDENT_CASES)
def test_each_bad_resident_value_is_reported_and_nothing_is_imported(
    tmp_path, existing, column, value, message
):
    bad = resident(5, **{column: value})
    if message.startswith("異動事由が"):
        bad["消除日"] = ""
    rows = [resident(1, 現住所="北海道旭川市旭町1条1丁目"), resident(3), bad]

    batch, errors = import_residents(write_csv(tmp_path, rows, name="bad.csv"))

    expected_column = "消除日" if message.startswith("異動事由が") else column
    assert [str(error) for error in errors] == [f"4行目 {expected_column}: {message}"]
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.error_count == 1
    [stored] = batch.errors
    assert (stored["line"], stored["column"], stored["message"]) == (4, expected_column, message)
    # Kept with its source, so that a reader is shown it in their language (errors.Message).
    assert message_worded(stored) == message
    with translation.override("en"):
        english = re.sub("「[^」]*」", "", message_worded(stored))  # the value quoted as written stays
        assert message_worded(stored) != message and not re.search("[ぁ-ん]", english), english
    assert (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 0)
    assert _state() == existing


def test_a_bad_number_is_never_repeated_in_the_message(tmp_path):
    batch, errors = import_residents(write_csv(tmp_path, [resident(1, 個人番号="123456789017")]))

    assert "123456789017" not in str(errors[0]) and "123456789017" not in str(batch.errors)


def test_a_misplaced_number_in_another_column_is_masked(tmp_path):
    number = mynumber(1)
    spaced = f"{number[:4]}-{number[4:8]}-{number[8:]}"
    _batch, errors = import_residents(write_csv(tmp_path, [resident(1, 世帯番号=spaced)]))

    assert [str(error) for error in errors] == ["2行目 世帯番号: 「[個人番号?]」は半角数字で入力してください"]


def test_every_bad_row_is_listed_in_line_order(tmp_path):
    rows = [
        resident(1, 生年月日="1990-13-01", 性別="3"),
        resident(2),
        resident(3, 宛名番号="x"),
    ]

    batch, errors = import_residents(write_csv(tmp_path, rows))

    assert [str(error) for error in errors] == [
        "2行目 生年月日: 「1990-13-01」は日付として正しくありません (YYYY-MM-DD)",
        "2行目 性別: 「3」はコードとして正しくありません (使えるコード: 1, 2)",
        "4行目 宛名番号: 「x」は半角数字で入力してください",
    ]
    assert batch.error_count == 3
    assert Resident.objects.count() == 0


def test_duplicate_keys_inside_one_file(tmp_path):
    rows = [resident(1), resident(2), resident(1, 個人番号=mynumber(9)), resident(4, 個人番号=mynumber(2))]

    _batch, errors = import_residents(write_csv(tmp_path, rows))

    assert [str(error) for error in errors] == [
        "4行目 宛名番号: 「1001」は2行目と重複しています",
        "5行目 個人番号: 3行目と同じ個人番号です",
    ]
    assert Resident.objects.count() == 0


def test_a_row_with_too_few_fields(tmp_path):
    path = write_csv(tmp_path, [resident(1), resident(2)])
    path.write_text(path.read_text(encoding="utf-8") + "1003,9003\r\n", encoding="utf-8")

    _batch, errors = import_residents(path)

    assert [str(error) for error in errors] == ["4行目: 列の数が見出し行と違います (見出し 18列、この行 2列)"]


@pytest.mark.parametrize(
    "columns, expected",
    [
        ([c for c in RESIDENT_COLUMNS if c != "生年月日"], ["1行目 生年月日: 必須の列がありません"]),
        ([*RESIDENT_COLUMNS, "備考"], ["1行目 備考: 不明な列です (住民記録の列名ではありません)"]),
        ([*RESIDENT_COLUMNS, "性別"], ["1行目 性別: 同じ名前の列が2つ以上あります"]),
    ],
)
def test_missing_unknown_and_repeated_columns(tmp_path, columns, expected):
    batch, errors = import_residents(write_csv(tmp_path, [resident(1)], columns=columns))

    assert [str(error) for error in errors] == expected
    assert batch.status == ImportBatch.Status.REJECTED and batch.total_rows == 0
    assert Resident.objects.count() == 0


def test_a_wrong_header_is_named_even_without_data_lines(tmp_path):
    """A file of only a header with an unknown column was refused only as 「データ行がありません」
    (exploratory audit, 2026-12-05): the header is checked first, so the column is named."""
    path = tmp_path / "header-only.csv"
    path.write_bytes(",".join([*RESIDENT_COLUMNS, "備考"]).encode() + b"\r\n")
    _batch, errors = import_residents(path)

    assert [str(error) for error in errors] == ["1行目 備考: 不明な列です (住民記録の列名ではありません)"]


def test_an_income_file_given_as_residents_says_so(tmp_path):
    _batch, errors = import_residents(write_csv(tmp_path, [income_row(1)]))

    assert str(errors[0]) == "1行目: このファイルは住民税所得の CSV です。取込の種類を確認してください"
    assert "1行目 宛名番号: 必須の列がありません" in [str(e) for e in errors]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "1行目: ファイルが空です (1行目に見出しが必要です)"),
        (",".join(RESIDENT_COLUMNS).encode() + b"\r\n", "2行目: データ行がありません"),
        (b"PK\x03\x04\x00\x00binary", "1行目: CSV ファイルではありません (バイナリデータが含まれています)"),
        (
            codecs.BOM_UTF16_LE + "宛名番号".encode("utf-16-le"),
            "1行目: UTF-16 のファイルには対応していません。UTF-8 か Shift_JIS (CP932) で保存してください",
        ),
        (
            "宛名番号\r\n".encode() + b"\x82\xa0\x81\x39\r\n",
            "2行目: 文字コードを判別できません。UTF-8 か Shift_JIS (CP932) の CSV で保存してください",
        ),
        (
            codecs.BOM_UTF8 + "宛名番号\r\n".encode() + b"\x82\xa0\r\n",
            "2行目: UTF-8 として読めない文字があります",
        ),
    ],
)
def test_files_that_are_not_readable_csv(tmp_path, content, message):
    path = tmp_path / "weird.csv"
    path.write_bytes(content)

    batch, errors = import_residents(path)

    assert [str(error) for error in errors] == [message]
    assert batch.status == ImportBatch.Status.REJECTED


def test_unbalanced_quotes_are_reported_with_their_line(tmp_path):
    path = write_csv(tmp_path, [resident(1)])
    path.write_text(path.read_text(encoding="utf-8") + '1002,"9002,1\r\n', encoding="utf-8")

    _batch, errors = import_residents(path)

    assert str(errors[0]).startswith("3行目: CSV として読めません")


INCOME_CASES = [
    ("賦課年度", "1988", "「1988」は1989〜2099の範囲で入力してください"),
    ("賦課年度", "", "値がありません (必須項目です)"),
    ("前年所得額", "-5", "「-5」は0以上の整数 (半角数字、カンマなし) で入力してください"),
    ("前年所得額", "1,280,000", "「1,280,000」は0以上の整数 (半角数字、カンマなし) で入力してください"),
    ("前年所得額", "", "値がありません (必須項目です)"),
    ("社会保険料控除", "12.5", "「12.5」は0以上の整数 (半角数字、カンマなし) で入力してください"),
    ("医療費控除", "1000000000000", "「1000000000000」は0〜999,999,999,999の範囲で入力してください"),
    ("一般扶養親族数", "100", "「100」は0〜99の範囲で入力してください"),
    ("雑損控除", "9" * 5000, "「" + "9" * 40 + "…」は0〜999,999,999,999の範囲で入力してください"),
    ("本人障害者", "3", "「3」はコードとして正しくありません (使えるコード: 0, 1, 2)"),
    ("一般控除対象配偶者", "2", "「2」はコードとして正しくありません (使えるコード: 0, 1)"),
    ("市民税更正日", "2025-06-31", "「2025-06-31」は日付として正しくありません (YYYY-MM-DD)"),
    ("個人コード", "", "値がありません (必須項目です)"),
]


@pytest.mark.parametrize("column, value, message", INCOME_CASES)
def test_each_bad_income_value_is_reported_and_nothing_is_imported(tmp_path, column, value, message):
    import_income(write_csv(tmp_path, [income_row(1)], name="first.csv"))
    before = list(IncomeRecord.objects.values_list("pk", "updated_at", "total_income"))

    batch, errors = import_income(
        write_csv(tmp_path, [income_row(1, 前年所得額="1"), income_row(2, **{column: value})])
    )

    assert [str(error) for error in errors] == [f"3行目 {column}: {message}"]
    assert batch.status == ImportBatch.Status.REJECTED
    assert list(IncomeRecord.objects.values_list("pk", "updated_at", "total_income")) == before


def test_duplicate_person_and_year_in_an_income_file(tmp_path):
    rows = [income_row(1, 2024), income_row(1, 2025), income_row(1, 2024, 前年所得額="5")]

    _batch, errors = import_income(write_csv(tmp_path, rows))

    assert [str(error) for error in errors] == [
        "4行目 個人コード・賦課年度: 個人コード「1001」の2024年度は2行目と重複しています"
    ]
    assert IncomeRecord.objects.count() == 0


def test_missing_income_column(tmp_path):
    columns = [c for c in INCOME_COLUMNS if c != "特定親族特別控除"]

    _batch, errors = import_income(write_csv(tmp_path, [income_row(1)], columns=columns))

    assert [str(error) for error in errors] == ["1行目 特定親族特別控除: 必須の列がありません"]


def test_the_stored_error_list_is_capped_but_the_count_is_exact(tmp_path, monkeypatch):
    monkeypatch.setattr("cases.registry.imports.runner.STORED_ERRORS", 3)
    rows = [resident(n, 性別="9") for n in range(1, 8)]

    batch, errors = import_residents(write_csv(tmp_path, rows))

    batch.refresh_from_db()
    assert len(errors) == 7 and batch.error_count == 7
    assert [error["line"] for error in batch.errors] == [2, 3, 4]


def test_a_bad_amount_among_many_repeated_ones_is_found(tmp_path):
    rows = [income_row(n) for n in range(1, 30)]
    rows[20]["雑損控除"] = "-5"
    rows[25]["一般扶養親族数"] = "100"

    _batch, errors = import_income(write_csv(tmp_path, rows))

    assert [str(error) for error in errors] == [
        "22行目 雑損控除: 「-5」は0以上の整数 (半角数字、カンマなし) で入力してください",
        "27行目 一般扶養親族数: 「100」は0〜99の範囲で入力してください",
    ]


def test_spaces_around_values_are_ignored_in_every_column(tmp_path):
    padded = {key: f"\u3000{value} " for key, value in income_row(1, 前年所得額="0012").items()}

    batch, errors = import_income(write_csv(tmp_path, [padded, income_row(2)]))

    assert errors == [] and batch.inserted == 2
    assert IncomeRecord.objects.get(personal_code="1001").total_income == 12


def test_a_number_at_the_cut_of_a_long_value_is_still_masked(tmp_path):
    value = "x" * 32 + mynumber(1)  # the first 40 characters would hold 8 of its 12 digits

    _batch, errors = import_residents(write_csv(tmp_path, [resident(1, 世帯番号=value)]))

    assert mynumber(1)[:8] not in str(errors[0])
    assert "[個人番号?]" in str(errors[0])


def test_an_address_with_many_numbers_that_are_no_personal_number_is_imported(tmp_path):
    """Twelve digits and more in an address (条・丁目・番地・部屋番号) are no 個人番号 unless they run
    together as one: the check does not refuse ordinary addresses."""
    address = "北海道旭川市１条通７丁目１２３－４５ コーポ旭２０１号 (旧 3条8丁目)"
    batch, errors = import_residents(write_csv(tmp_path, [resident(1, 現住所=address)]))
    assert errors == [] and batch.status == ImportBatch.Status.DONE
    assert Resident.objects.get().address == address
