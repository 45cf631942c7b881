"""Timeline and 突合 sentences of 免除・納付猶予 (cases/common/texts.py)."""

from django.utils.translation import gettext_lazy as _

from cases.common.codes_in_text import EXEMPTION_KIND_IN_TEXT
from cases.common.texts import text_define

# An old-era date or month on the form read in the era that followed (A13; the form's own hint,
# cases/common/fields.py, says the same), kept on the timeline for the field it was typed in.
ERA_DATE_READ = text_define(
    "era_date_read", _("「%(typed)s」は改元後の日付のため %(date)s として受け付けました。"), date="date"
)
ERA_MONTH_READ = text_define(
    "era_month_read", _("「%(typed)s」は改元後の年月のため %(month)s として受け付けました。"), month="month"
)
FIELD_NOTE = text_define("exemption_field_note", _("%(field)s: %(note)s"), field="label", note="text")
NOTES = text_define("exemption_notes", "%(notes)s", notes="texts")  # the form's notes, one after another
INCOME_NOT_TESTED = text_define("income_not_tested", _("所得審査なし (届出)"))
# The 年度 reads 令和 beside the timeline's 令和 days; rows written before it did (2025年度 …) are read by
# migration 0021 either way.
INCOME_ATTACHED = text_define(
    "income_attached", _("%(year)s 住民税所得を添付 (%(people)s名)"), year="fiscal_year"
)
INCOME_ATTACHED_NOT_IMPORTED = text_define(
    "income_attached_not_imported",
    _("%(year)s 住民税所得を添付 (%(people)s名) 未取込: この年度の住民税所得情報はまだ取り込まれていません"),
    year="fiscal_year",
)
INCOME_ATTACHED_UNDECLARED = text_define(
    "income_attached_undeclared",
    _("%(year)s 住民税所得を添付 (%(people)s名) 未申告: %(names)s"),
    year="fiscal_year",
)
# The kinds are stored as their labels' Japanese (cases/exemption/results.py; migration 0021 read rows written
# as sentences the same way) and worded inside the sentence: 「applied full exemption → granted half exemption」.
KIND_DIFFERS = text_define(
    "exemption_kind_differs",
    _("免除種類 申請 %(requested)s → 承認 %(granted)s"),
    requested=EXEMPTION_KIND_IN_TEXT,
    granted=EXEMPTION_KIND_IN_TEXT,
)
PERIOD_DIFFERS = text_define(
    "exemption_period_differs",
    _("期間 申請 %(requested_from)s〜%(requested_to)s → 承認 %(granted_from)s〜%(granted_to)s"),
    requested_from="month",
    requested_to="month",
    granted_from="month",
    granted_to="month",
)
BOTH_DIFFER = text_define("exemption_both_differ", _("%(first)s、%(second)s"), first="text", second="text")
NO_EXEMPTION_RECORD = text_define("exemption_record_missing", _("案件 %(case)s の免除情報がありません"))
