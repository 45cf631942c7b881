"""Timeline sentences of 開示・訂正・利用停止請求 (cases/common/texts.py)."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define

RECEIVED = text_define(
    "request_received",
    _("請求者: %(requester)s。本人確認: %(documents)s。"),
    requester="label",
    documents="labels",
)
RECEIVED_BY_AGENT = text_define(
    "request_received_agent",
    _("請求者: %(requester)s %(agent)s (%(relationship)s)。本人確認: %(documents)s。"),
    requester="label",
    documents="labels",
)
REFUSE = text_define("request_refuse", _("請求に応じない: %(reason)s"))
CORRECT = text_define(
    "request_correct", _("訂正: %(field)s %(old)s → %(new)s"), field="label", old="text", new="text"
)
SUSPEND = text_define("request_suspend", _("利用停止: %(scope)s"))
DISCLOSE = text_define("request_disclose", _("開示する (開示報告書は係長が作成します)"))
ANSWERED = text_define("request_answered", _("回答日 %(date)s。"), date="date")
REPORT_WITH_MYNUMBER = text_define("report_with_mynumber", _("帳票番号 %(document)s (個人番号を記載)"))
REPORT_WITHOUT_MYNUMBER = text_define(
    "report_without_mynumber", _("帳票番号 %(document)s (個人番号は記載なし)")
)
CORRECTED = text_define("corrected", _("%(field)s: %(old)s → %(new)s"), field="label", old="text", new="text")
DEADLINE_EXTENDED = text_define(
    "request_deadline_extended", _("決定期限を%(days)s日延長し%(due)sまでに"), due="date"
)
# 訂正請求: which record and field were corrected, and a value that is a code's label, a date or blank,
# are the system's words (ResidentRequest.correction_*_text, RecordCorrection.*_text), worded for each
# reader; a value that is the person's own data (a phone number, a note) is kept and shown as typed.
CORRECTION_FIELD = text_define("correction_field", _("%(record)s: %(field)s"), record="label", field="label")
CORRECTION_RECORD_ROW = text_define(
    "correction_record_row", _("%(record)s (%(row)s)"), record="label", row="text"
)
# A row's period is shown as every date on screen (和暦; 2015-06-14 (H27) in English). The Japanese words kept
# beside the sentence keep its ISO dates (correction_targets.py: the documents print them, 0060 reads them).
CORRECTION_ROW_PERIOD = text_define(
    "correction_row_period", _("%(kind)s %(start)s〜%(end)s"), kind="label", start="date", end="date"
)
CORRECTION_ROW_NUMBERED = text_define("correction_row_numbered", _("%(number)s %(kind)s"), kind="label")
CORRECTION_CODED = text_define("correction_value_coded", _("%(code)s %(label)s"), label="label")
CORRECTION_CHOICE = text_define("correction_value_choice", _("%(label)s"), label="label")
CORRECTION_DATE = text_define("correction_value_date", _("%(date)s"), date="date")
CORRECTION_EMPTY = text_define("correction_value_empty", _("(空欄)"))
