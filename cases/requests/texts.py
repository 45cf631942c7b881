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
CORRECT = text_define("request_correct", _("訂正: %(field)s %(old)s → %(new)s"), field="label")
SUSPEND = text_define("request_suspend", _("利用停止: %(scope)s"))
DISCLOSE = text_define("request_disclose", _("開示する (開示報告書は係長が作成します)"))
ANSWERED = text_define("request_answered", _("回答日 %(date)s。"), date="date")
REPORT_WITH_MYNUMBER = text_define("report_with_mynumber", _("帳票番号 %(document)s (個人番号を記載)"))
REPORT_WITHOUT_MYNUMBER = text_define(
    "report_without_mynumber", _("帳票番号 %(document)s (個人番号は記載なし)")
)
CORRECTED = text_define("corrected", _("%(field)s: %(old)s → %(new)s"), field="label")
DEADLINE_EXTENDED = text_define(
    "request_deadline_extended", _("決定期限を%(days)s日延長し%(due)sまでに"), due="date"
)
