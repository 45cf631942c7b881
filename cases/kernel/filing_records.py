"""A record a 機構 form adds to the weekly data file after each of its cases' data record, as data: its
レコード区分, its fields and how a case's filed values fill them (the IT review's G6: a form's own data
could only be added by changing cases/submission/). Form 31's 資格届出レコード is the one shipped; its
layout and code lists are docs/formats/submission.md §2 and §3.4–3.7.

The bundle (cases/submission/) reads a FormRecord without knowing the form: it writes レコード区分 and 整理番号
first, then `fields`; it adds the person's 漢字氏名 and 住所 (its 送付用 spelling where the desk gave one)
under the sources `kanji_name` and `address`; it counts the records in the trailer under `count_label`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cases.common.identifiers.eras import to_kiko_code


@dataclass(frozen=True)
class FormRecord:
    record_type: str  # its レコード区分 (byte 1): one per kind of record in the data file
    title: str  # e.g. 資格届出レコード, in the bundle's refusals
    count_label: str  # its count's field in the トレーラレコード
    key: str  # the key of CaseTypeSpec.filing_values under which a type gives what this record says
    # (項目, bytes, 型, source) after レコード区分 and 整理番号, as fixed_length.py lays out a record: 型 is
    # 数字 / 英数 / 半角カナ / 全角; a source starting "?" may be empty (zeros or spaces)
    fields: tuple[tuple[str, int, str, str], ...]
    # (case, filed[key]) → {source: value}; read with the case's resident and pension loaded
    values: Callable[[Any, dict], dict]


def era_date(value: dt.date | None) -> str:
    """機構's era-coded date without separator (令和8年3月6日 → 9080306); empty when there is none."""
    return to_kiko_code(value, separator="") if value else ""


def era_month(value: dt.date | None) -> str:
    """機構's era-coded month (令和8年3月 → 90803); empty when there is none."""
    return era_date(value)[:5] if value else ""


# 資格届出レコード code lists (docs/formats/submission.md §3.4–3.7).
FILING_KIND_CODES = {
    "acquisition": "01",
    "loss": "02",
    "kind_change": "03",
    "voluntary": "04",
    "voluntary_withdrawal": "05",
    "special_elderly": "06",
    "additional": "07",
    "additional_withdrawal": "08",
    "death": "09",
}
DEADLINE_CODES = {"on_time": "1", "late": "2", "undecided": "3", "not_applicable": "0"}
ROUTE_CODES = {"old_age_beneficiary": "1", "age60_64": "2", "abroad": "3", "special_elderly": "4"}
PAYMENT_CODES = {"account": "1", "no_account": "2", "prepay": "3", "other_reason": "4"}
NUMBER_KINDS = {"basic_pension_no": "1", "mynumber_on_form": "2"}


def qualification_record_values(case, q: dict) -> dict:
    """The 資格届出レコード of a case filed on form 31: `q` is what its type files under "qualification"
    (kind, reason, event_date, effective_on, kind_before, kind_after, additional_month, filed_on,
    deadline_status, route, payment_method); 番号の区分 says whether the data record has the 基礎年金番号
    or the 個人番号 is on the 届書 (則1条の4第1項4号: never in the data file)."""
    pension = getattr(case.resident, "pension", None)
    return {
        "filing_kind": FILING_KIND_CODES[q["kind"]],
        "reason": q.get("reason") or "",
        "event_date": era_date(q.get("event_date")),
        "effective_on": era_date(q.get("effective_on")),
        "kind_before": q.get("kind_before") or "",
        "kind_after": q.get("kind_after") or "",
        "additional_month": era_month(q.get("additional_month")),
        "filed_on": era_date(q.get("filed_on")),
        "deadline": DEADLINE_CODES.get(q.get("deadline_status") or "", ""),
        "route": ROUTE_CODES.get(q.get("route") or "", ""),
        "payment_method": PAYMENT_CODES.get(q.get("payment_method") or "", ""),
        "number_kind": NUMBER_KINDS[
            "basic_pension_no" if pension and pension.basic_pension_no else "mynumber_on_form"
        ],
    }


# What 則1条の4, 3条, 4条, 6条の2 (and 2条 for a 申出) ask of the 届書 beyond the data record's name, sex,
# birth date and number; 則9条 lets the city report them on media instead of the 届書.
QUALIFICATION_RECORD = FormRecord(
    record_type="4",
    title="資格届出レコード",
    count_label="資格届出レコード件数",
    key="qualification",
    fields=(
        ("届出区分", 2, "数字", "filing_kind"),
        ("取得・喪失理由", 2, "数字", "?reason"),
        ("事由発生年月日", 7, "数字", "?event_date"),
        ("資格取得・喪失・種別変更年月日", 7, "数字", "?effective_on"),
        ("変更前種別", 1, "数字", "?kind_before"),
        ("変更後種別", 1, "数字", "?kind_after"),
        ("付加の開始・終了年月", 5, "数字", "?additional_month"),
        ("届出年月日", 7, "数字", "filed_on"),
        ("届出期限区分", 1, "数字", "?deadline"),
        ("任意加入の根拠", 1, "数字", "?route"),
        ("納付方法", 1, "数字", "?payment_method"),
        ("番号の区分", 1, "数字", "number_kind"),
        ("漢字氏名", 40, "全角", "kanji_name"),
        ("住所", 100, "全角", "address"),
    ),
    values=qualification_record_values,
)
