"""Months an application asks for that the records already hold under 法定免除 (国民年金法89条1項) or
産前産後免除 (法88条の2, the same 「納付することを要しない」 on a 届出 alone).

Those months need no application: the premium is 「納付することを要しない」 from the month before the
ground arose to the month it ends. Worse, 89条1項 excludes 「前条及び第九十条の二第一項から第三項までの規定の
適用を受ける被保険者」: a granted 4分の3・半額・4分の1免除 takes the months out of 法定免除 and the member
then owes part of the premium. The screens warn; they do not refuse, because the records may lag behind a
ground that has ended (則76条's 届出 not yet made).
"""

import datetime as dt

from django.utils.translation import gettext as _

from cases.common.codes import Decision, ExemptionKind
from cases.common.codes_in_text import STATUTORY_GROUND_IN_TEXT
from cases.common.date_display import series_separator
from cases.common.dates import add_months
from cases.exemption.periods import months_of, months_text
from cases.registry.models.pension import Exemption
from cases.registry.models.residents import Resident

# 法90条の2第1項〜第3項: the kinds 法89条1項かっこ書 puts outside 法定免除.
PARTIAL_KINDS = frozenset(
    str(kind.value) for kind in (ExemptionKind.THREE_QUARTERS, ExemptionKind.HALF, ExemptionKind.QUARTER)
)


def exemption_rows_of(*, resident: Resident, exclude_case_id: int | None = None) -> list[Exemption]:
    """The person's 免除情報 not rejected or returned by 機構, with the application each case made (one
    query for this warning and cases/exemption/continuation.py). The case's own row (written at 決裁) is
    left out."""
    pension = getattr(resident, "pension", None)
    if pension is None:
        return []
    rows = (
        Exemption.objects.filter(pension=pension)
        .exclude(decision__in=[Decision.REJECTED, Decision.RETURNED])
        .select_related("case__exemption")
    )
    if exclude_case_id is not None:
        rows = rows.exclude(case_id=exclude_case_id)
    return list(rows)


def months_covered(row: Exemption, first: dt.date, last: dt.date) -> list[dt.date]:
    """The months from `first` to `last` that `row`'s period touches (no end: open)."""
    return [
        month
        for month in months_of(first, last)
        if row.start_on < add_months(month, 1) and (row.end_on is None or row.end_on >= month)
    ]


def statutory_months(
    *, rows: list[Exemption], first: dt.date, last: dt.date
) -> tuple[list[dt.date], list[str]]:
    """The months from `first` to `last` under a 法定免除 among `rows`, and its grounds as the warning's
    sentence words them (STATUTORY_GROUND_IN_TEXT)."""
    months: set[dt.date] = set()
    grounds: list[str] = []
    for row in (row for row in rows if row.is_statutory):
        covered = months_covered(row, first, last)
        if covered:
            months.update(covered)
            label = STATUTORY_GROUND_IN_TEXT.of(row.statutory_code) if row.statutory_code else ""
            if label and label not in grounds:
                grounds.append(label)
    return sorted(months), grounds


def maternity_months(*, rows: list[Exemption], first: dt.date, last: dt.date) -> list[dt.date]:
    """The months from `first` to `last` under a 産前産後免除 among `rows` (法88条の2)."""
    months = {
        month
        for row in rows
        if row.kind == ExemptionKind.MATERNITY and row.end_on is not None
        for month in months_covered(row, first, last)
    }
    return sorted(months)


def maternity_warning(months: list[dt.date]) -> str | None:
    """法88条の2 makes the premium of those months 「納付することを要しない」 on the 届出 alone, whatever else
    is applied for; warned, not refused, as for 法定免除 (the 届出 may be withdrawn or the birth date move)."""
    if not months:
        return None
    return _(
        "%(months)s は産前産後免除の期間で、申請がなくても保険料の納付を要しません (国民年金法88条の2)。"
        "この月の申請が必要か申請者に確認してください。"
    ) % {"months": months_text(months)}


def statutory_warning(*, kinds: list[str], months: list[dt.date], grounds: list[str]) -> str | None:
    if not months:
        return None
    values = {"months": months_text(months), "grounds": series_separator().join(grounds) or _("事由不明")}
    if PARTIAL_KINDS & set(kinds):
        return (
            _(
                "%(months)s は法定免除 (%(grounds)s) の期間です。一部免除 (4分の3・半額・4分の1) が承認されると"
                "その月は法定免除の対象外となり、保険料の一部を納付することになります (国民年金法89条1項)。"
                "申請する種類と期間を申請者に確認してください。"
            )
            % values
        )
    return (
        _(
            "%(months)s は法定免除 (%(grounds)s) の期間で、申請がなくても保険料の納付を要しません "
            "(国民年金法89条1項)。この月の申請が必要か申請者に確認してください。"
        )
        % values
    )
