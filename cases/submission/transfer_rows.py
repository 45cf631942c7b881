"""The lines of a 住基への移転 file, every column of the format (docs/formats/registry_transfer.md); a
request's columns are then picked from them (cases.submission.transfer_columns)."""

import io

from django.utils import timezone

from cases.common.csvsafe import csv_writer
from cases.registry.models.pension import AdditionalPension, Qualification
from cases.submission.selectors.transfers import transfer_pensions_in_range

HEADER = [
    "区分",
    "宛名番号",
    "基礎年金番号",
    "被保険者種別",
    "資格取得日",
    "資格取得理由",
    "資格喪失日",
    "資格喪失理由",
    "付加種別",
    "付加加入日",
    "付加脱退日",
    "更新日時",
    # 別添1's 届出日 and 高齢任意加入 (added with the 資格届出 case type; after the first columns, so a
    # reader of the earlier layout still finds its columns in place).
    "資格取得届出日",
    "資格喪失届出日",
    "高齢任意加入",
    "付加加入届出日",
    "付加脱退届出日",
]


def _date(value) -> str:
    return value.isoformat() if value else ""


def transfer_rows(*, since) -> list[list[str]]:
    """資格 and 付加 rows changed at or after `since` (every row when None), by 宛名番号, of the people in
    the PIA's range only (transfer_pensions_in_range): "changed since" alone sent 第2号-only and 消除
    people too (privacy walk, 2026-12-06). A person in the range goes with all their 資格関係情報 rows."""
    in_range = transfer_pensions_in_range()
    qualifications = Qualification.objects.select_related("pension__resident").filter(pension__in=in_range)
    additional = AdditionalPension.objects.select_related("pension__resident").filter(pension__in=in_range)
    if since is not None:
        qualifications = qualifications.filter(updated_at__gte=since)
        additional = additional.filter(updated_at__gte=since)
    rows = []
    for q in qualifications:
        pension = q.pension
        rows.append(
            [
                "資格",
                pension.resident.atena_no,
                pension.basic_pension_no or "",
                q.insured_kind,
                _date(q.acquired_on),
                q.acquired_reason,
                _date(q.lost_on),
                q.lost_reason,
                "",
                "",
                "",
                timezone.localtime(q.updated_at).isoformat(timespec="seconds"),
                _date(q.acquired_filed_on),
                _date(q.lost_filed_on),
                "1" if q.elderly_voluntary else "0",
                "",
                "",
            ]
        )
    for a in additional:
        pension = a.pension
        rows.append(
            [
                "付加",
                pension.resident.atena_no,
                pension.basic_pension_no or "",
                *[""] * 5,
                a.kind,
                _date(a.joined_on),
                _date(a.left_on),
                timezone.localtime(a.updated_at).isoformat(timespec="seconds"),
                "",
                "",
                "",
                _date(a.joined_filed_on),
                _date(a.left_filed_on),
            ]
        )
    rows.sort(key=lambda row: (row[1], row[0], row[4] or row[9]))
    return rows


def transfer_csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
