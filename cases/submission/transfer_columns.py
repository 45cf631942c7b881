"""Which columns a 住基への移転 carries: those its 情報処理依頼書 asks for, no more (PIA III-5: 「依頼書等の
内容を検査した上で、必要な情報のみを提供」). The file always held every column of the format, whatever the
依頼書 asked; the requester now ticks the asked columns, the 係長 checks them against the 依頼書 before
approving, and the file carries only those (and the fixed ones below)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.submission.models import RegistryTransfer
from cases.submission.transfer_rows import HEADER

# In every file, whatever was asked: without them no line can be applied.
# - 区分: a 資格 line and a 付加 line share one layout; without it no other column of a line can be read.
# - 宛名番号: whose line it is, in the receiving 住民基本台帳 system's own key (the file has no 個人番号
#   and no name, docs/formats/registry_transfer.md).
# - 資格取得日 / 付加加入日: which of that person's periods the line is (a person has several 資格 periods
#   and 付加 rows; the receiver replaces the period that starts on that day). A 喪失日 without the 取得日
#   of the period it ends cannot be written anywhere.
# Not fixed: 基礎年金番号 is a value the 住民票 records (住民基本台帳法7条11号), not the receiver's key, and
# the most sensitive number in the file: it goes only when asked. 更新日時 is when the row changed here.
FIXED = ("区分", "宛名番号", "資格取得日", "付加加入日")
CHOOSABLE = tuple(column for column in HEADER if column not in FIXED)
# The chosen columns each kind of line fills (the others it leaves blank).
_SHARED = {"基礎年金番号", "更新日時"}
LINE_COLUMNS = {
    "資格": _SHARED
    | {
        "被保険者種別",
        "資格取得理由",
        "資格喪失日",
        "資格喪失理由",
        "資格取得届出日",
        "資格喪失届出日",
        "高齢任意加入",
    },
    "付加": _SHARED | {"付加種別", "付加脱退日", "付加加入届出日", "付加脱退届出日"},
}
NONE_CHOSEN = _("移転する項目を1つ以上選んでください。")
NOT_CHOOSABLE = _("移転する項目に、選べない項目が含まれています。")


def transfer_columns_check(chosen: Iterable[str]) -> list[str]:
    """The file's columns in the format's order: the fixed ones and those chosen. A column outside the
    format, or a fixed one sent as a choice (a hand-made POST), is refused, not dropped: what the 係長
    approves must be what was sent."""
    chosen = set(chosen)
    if not chosen:
        raise ValidationError(NONE_CHOSEN)
    if not chosen <= set(CHOOSABLE):
        raise ValidationError(NOT_CHOOSABLE)
    return [column for column in HEADER if column in FIXED or column in chosen]


def transfer_columns_chosen(columns: Iterable[str]) -> list[str]:
    """The columns the requester chose (the file's, without the fixed ones)."""
    return [column for column in columns if column not in FIXED]


def transfer_columns_pick(rows: list[list[str]], columns: list[str]) -> list[list[str]]:
    """The rows (every column of HEADER) cut to `columns`. A line none of whose own columns was chosen
    (a 付加 line when only 資格 columns were asked for) is left out: it would tell the receiver only
    that someone's record changed, which the 依頼書 did not ask either."""
    at = [HEADER.index(column) for column in columns]
    wanted = set(columns)
    return [[row[i] for i in at] for row in rows if LINE_COLUMNS[row[0]] & wanted]


def transfer_columns_since(columns: list[str]):
    """Rows changed at or after this go into a file of `columns`; None: every row.

    Per column: for each chosen column the 作成日時 of the last file that carried it, and the earliest of
    those. One "since" for the whole file (the previous file's 作成日時) lost changes once files were
    narrowed: a column a narrowed file left out never went for the rows changed before it. A row sent
    again carries its current values, which the receiver takes as they are (docs/formats)."""
    wanted = set(transfer_columns_chosen(columns))
    last = {}
    produced = (
        RegistryTransfer.objects.filter(state=RegistryTransfer.State.PRODUCED)
        .order_by("-produced_at")
        .values_list("produced_at", "columns")
    )
    for produced_at, carried in produced.iterator():
        for column in wanted.intersection(carried):
            last.setdefault(column, produced_at)
        if len(last) == len(wanted):
            return min(last.values(), default=None)
    return None  # some column never went: every row
