"""Timeline sentences of 資格届出 (cases/common/texts.py): worded in the reader's language. A late
reason stays as the clerk typed it, in the row's comment."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define

FILED = text_define("qualification_filed", _("%(kind)s (%(event)s)"), kind="label", event="label")
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
