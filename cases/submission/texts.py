"""Timeline and 突合 sentences of the weekly bundle and 機構's results (cases/common/texts.py).
機構's own words (a 返戻 reason) are kept as written."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define

# --- the case timeline ----------------------------------------------------------------------------
BUNDLED = text_define("bundled", _("送付 %(bundle)s (締切 %(cutoff)s)"), cutoff="moment")
UNBUNDLED = text_define("unbundled", _("送付 %(bundle)s から除外 (次回の送付に回します)。"))
SEALED = text_define("sealed", _("送付 %(bundle)s (封緘)"))
HANDED_OVER = text_define("handed_over", _("送付 %(bundle)s を%(sent_on)sに%(office)sへ送付"), sent_on="date")
HANDED_OVER_VIA = text_define(
    "handed_over_via",
    _("送付 %(bundle)s を%(sent_on)sに%(office)sへ送付 (媒体: %(medium)s、受領者: %(received_by)s)"),
    sent_on="date",
    medium="label",
)
RESULT = text_define("result", _("%(decision)s (判定日 %(decided_on)s)"), decision="label", decided_on="date")
RESULT_GRANTED = text_define(
    "result_granted",
    _("%(decision)s (判定日 %(decided_on)s) %(kind)s %(start)s〜%(end)s"),
    decision="label",
    decided_on="date",
    kind="label",
    start="month",
    end="month",
)
RESULT_GRADED = text_define(
    "result_graded",
    _("%(decision)s (判定日 %(decided_on)s) 障害等級 %(grade)s級"),
    decision="label",
    decided_on="date",
)
RESULT_WITH_REASON = text_define("result_reason", _("%(result)s 理由: %(reason)s"), result="text")
# 機構's own decision (返戻 with its reason) follows the colon: 「…から返戻: 返戻 …」 said it twice.
RETURNED = text_define("returned", _("日本年金機構の処理結果: %(result)s"), result="text")

# 送付用の表記 (sendable.py): what the data file carries instead of the 住民記録's spelling, field by field
# (the withdrawal of all at once is kept for the rows written so before).
DATAFILE_SPELLING = text_define(
    "datafile_spelling", _("%(field)s: 「%(original)s」を「%(sent)s」として送付"), field="label"
)
DATAFILE_SPELLING_WITHDRAWN = text_define(
    "datafile_spelling_withdrawn", _("送付用の表記を取り消し、住民記録のとおり送付")
)
DATAFILE_SPELLING_FIELD_WITHDRAWN = text_define(
    "datafile_spelling_field_withdrawn",
    _("%(field)s: 送付用の表記を取り消し、住民記録のとおり送付"),
    field="label",
)

# --- the 突合 queue ---------------------------------------------------------------------------------
LINE = text_define("result_line", _("%(line)s行目: %(why)s"), why="text")
NO_SUCH_NUMBER = text_define("no_such_number", _("整理番号「%(number)s」の案件がありません"))
PENSION_NO_DIFFERS = text_define(
    "pension_no_differs", _("基礎年金番号 %(pension_no)s が案件 %(case)s の申請者と一致しません")
)
PENSION_NO_NOT_SENT = text_define(
    "pension_no_not_sent", _("基礎年金番号 %(pension_no)s: 送付済の案件がありません")
)
PENSION_NO_AMBIGUOUS = text_define(
    "pension_no_ambiguous", _("基礎年金番号 %(pension_no)s: 送付済の案件が%(count)s件あり特定できません")
)
NOT_FILED = text_define("not_filed_type", _("案件 %(case)s は日本年金機構へ送付する種別ではありません"))
NOT_SENT = text_define("not_sent", _("案件 %(case)s は送付済ではありません (段階: %(stage)s)"), stage="label")
DECIDED_BEFORE_SENT = text_define(
    "decided_before_sent",
    _("案件 %(case)s の判定日 (%(decided_on)s) が機構への送付日 (%(sent_on)s) より前です"),
    decided_on="date",
    sent_on="date",
)
TWICE = text_define("result_twice", _("案件 %(case)s の結果は%(line)s行目にもあります"))
MISSING_RESULT = text_define(
    "missing_result", _("送付 %(bundle)s の案件 %(case)s の結果が %(file)s にありません")
)
DIFFERS = text_define("result_differs", _("%(case)s: %(differs)s"), differs="text")
RETURNED_ITEM = text_define("returned_item", _("%(case)s: %(reason)s"))

# --- the preview of an upload (what applying each line would change) ------------------------------
PREVIEW_TO_QUEUE = text_define("preview_to_queue", _("突合の不一致へ: %(why)s"), why="text")
PREVIEW_MOVE = text_define(
    "preview_move", _("%(from_stage)s → %(to_stage)s"), from_stage="label", to_stage="label"
)
PREVIEW_MOVE_DIFFERS = text_define(
    "preview_move_differs",
    _("%(from_stage)s → %(to_stage)s (申請と異なる: %(differs)s)"),
    from_stage="label",
    to_stage="label",
    differs="text",
)
PREVIEW_UNCHANGED = text_define("preview_unchanged", _("変更なし (同じファイルを取込番号 %(no)s で反映済み)"))
