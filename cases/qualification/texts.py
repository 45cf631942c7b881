"""Sentences of 資格届出 kept as code + params (cases/common/texts.py) and worded in the reader's
language: the timeline's (a late reason stays as the clerk typed it, in the row's comment) and the
「要確認」 points a filing keeps."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define, text_render
from cases.qualification import deadlines, rules

FILED = text_define("qualification_filed", _("%(kind)s (%(event)s)"), kind="label", event="label")
FILED_KIND = text_define("qualification_filed_kind", _("%(kind)s"), kind="label")
FILED_LATE = text_define(
    "qualification_filed_late",
    _("%(filed)s。届出期限 %(due)s を過ぎた届出 (受け付けて記録)"),
    filed="text",
    due="date",
)
FILED_ON_THE_LAST_DAY = text_define(
    "qualification_filed_last_day", _("%(filed)s。届出期限 %(due)s の当日 (要確認)"), filed="text", due="date"
)
ANSWERED = text_define("qualification_answered", _("勧奨に応じた届出: %(filed)s"), filed="text")
SOLICITED = text_define(
    "qualification_solicited", _("%(list)s (%(file)s) により勧奨 (届出待ち)"), list="label"
)

# 「要確認」 points a filing keeps (QualificationFiling.doubts: [{code, text}], `text` a stored Text),
# worded when shown — the 届書 prints them in Japanese whoever took the filing. The rules' two are marked
# for translation there (gettext_noop).
DOUBT_DAY14 = text_define("qualification_doubt_day14", _(deadlines.DAY14_DOUBT))
DOUBT_CLOSED_DAY = text_define("qualification_doubt_closed_day", _(deadlines.CLOSED_DAY_DOUBT))
# The 特例高齢 window's doubt is the rule set's text: the one it ships with is translated, one a city
# writes itself is shown as written (a "label" is its message id, or words kept as they are).
DOUBT_SPECIAL_ELDERLY = text_define("qualification_doubt_special_elderly", "%(doubt)s", doubt="label")
# A birth inside the reported extension: its two dates come from the rule set (平16法附則23条1項, §3.3 DOUBT).
DOUBT_SPECIAL_ELDERLY_BAND = text_define(
    "qualification_doubt_special_elderly_band",
    _(rules.SPECIAL_ELDERLY_BAND_DOUBT),
    born_by="date",
    reported="date",
)
DOUBT_RECORDS_KIND = text_define(
    "qualification_doubt_records_kind",
    _(
        "資格情報では%(records)sですが、届出前の種別を%(stated)sとして受け付けました。資格情報を確認してください。"
    ),
    records="label",
    stated="label",
)
DOUBT_AGE20 = text_define(
    "qualification_doubt_age20",
    _("20歳到達は住基ネットで機構が確認するときは届出不要です (則1条の4ただし書)。"),
)
DOUBT_DEPENDENT_END = text_define(
    "qualification_doubt_dependent_end",
    _(
        "被扶養配偶者でなくなった日 (離婚等) は申出の日付で受け付けました。証明書類の日付と照合してください (要確認)。"
    ),
)
DOUBT_ABROAD_OFFICE = text_define(
    "qualification_doubt_abroad_office",
    _("海外在住の方の任意加入の申出先 (市区町村か年金事務所か) は要確認です。"),
)
DOUBT_ADDITIONAL_RECORD = text_define(
    "qualification_doubt_additional_record",
    _("付加年金情報に納付中の記録がありません。記録を確認してください (要確認)。"),
)
DOUBT_ADDITIONAL_EXEMPTION = text_define(
    "qualification_doubt_additional_exemption",
    # 法87条の2第1項 leaves those under 89条1項・90条1項・90条の2・90条の3 out of 付加; what a grant does to a
    # payer's 申出 is not read (rule sheet §3.4 DOUBT), so it is 「要確認」.
    _(
        "付加保険料を納付中の方に免除が承認されたときの扱いは要確認です "
        "(法87条の2第1項は免除を受けている方を付加保険料の対象から除いています)。"
    ),
)


def doubts_shown(doubts: list[dict]) -> list[str]:
    """Each 「要確認」 in the active language. One stored before the points were kept as Texts is its
    sentence as then written (migration 0032 turned those it could back into Texts)."""
    return [
        text_render(doubt["text"].get("code", ""), doubt["text"].get("params"))
        if isinstance(doubt.get("text"), dict)
        else str(doubt.get("text", ""))
        for doubt in doubts
    ]


# Why 機構's 承認 of a filing could not be written into the records (cases/qualification/results.py): the
# 突合 queue words it in its reader's language.
RESULT_NO_FILING = text_define(
    "qualification_result_no_filing", _("案件 %(case)s の資格届出の内容がありません")
)
RESULT_NO_PERIOD = text_define(
    "qualification_result_no_period",
    _("資格情報に%(date)sに喪失する資格がありません (喪失を記録できませんでした)"),
    date="date",
)
RESULT_NO_ADDITIONAL = text_define(
    "qualification_result_no_additional",
    _("付加年金情報に納付中の記録がありません (辞退を記録できませんでした)"),
)
RESULT_NO_PENSION_RECORD = text_define(
    "qualification_result_no_pension_record",
    _("年金基本情報 (基礎年金番号) がないため資格情報に記録できませんでした"),
)

# Why a line of a 勧奨 list matched nobody or needs no 勧奨 (QualificationListRow.reason_text): kept as
# code + parameters, so the list screen words it in its reader's language whoever imported the list.
ROW_NO_PENSION_NO = text_define("qualification_row_no_pension_no", _("基礎年金番号 %(no)s の住民がいません"))
ROW_NO_ATENA_NO = text_define("qualification_row_no_atena_no", _("宛名番号 %(no)s の住民がいません"))
ROW_NO_NAME = text_define("qualification_row_no_name", _("カナ氏名と生年月日が一致する住民がいません"))
ROW_MANY_NAMES = text_define(
    "qualification_row_many_names", _("カナ氏名と生年月日が一致する住民が%(count)d人います")
)
ROW_BIRTH_DIFFERS = text_define("qualification_row_birth_differs", _("生年月日が住民記録と一致しません"))
ROW_REMOVED = text_define(
    "qualification_row_removed", _("住民記録から消除されています (%(reason)s)"), reason="label"
)
ROW_SAME_AS_LINE = text_define("qualification_row_same_as_line", _("%(line)d行目と同じ方です"))
ROW_OPEN_CASE = text_define("qualification_row_open_case", _("勧奨中・届出中の案件 %(number)s があります"))
ROW_FILED = text_define("qualification_row_filed", _("届出済みです (案件 %(number)s)"))
ROW_FIRST_ON_RECORD = text_define(
    "qualification_row_first_on_record", _("資格情報に第1号被保険者の記録があります")
)
ROW_SECOND_THIRD_ON_RECORD = text_define(
    "qualification_row_second_third_on_record", _("資格情報で第2号・第3号被保険者です")
)
ROW_AGE_OUTSIDE = text_define(
    "qualification_row_age_outside",
    _("厚生年金の資格喪失日に%(age)d歳のため第1号被保険者になりません (法7条1項1号)"),
)
ROW_NOT_20_YET = text_define(
    "qualification_row_not_20_yet", _("まだ20歳に達していません (20歳到達日 %(day)s)"), day="date"
)
