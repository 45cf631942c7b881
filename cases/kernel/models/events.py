"""The case timeline (CaseEvent): what was done to a case, by whom, from which office, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_render
from cases.kernel.models.case import Case
from cases.kernel.stages import Stage


class CaseEvent(models.Model):
    """The case timeline: every transition with who, when, from which office and why. Append-only."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("受付")
        SOLICITED = "solicited", _("勧奨")
        IDENTITY_VERIFIED = "identity_verified", _("本人確認済")
        DOCUMENTS_REQUESTED = "documents_requested", _("書類不備 (提出待ち)")
        DOCUMENTS_RECEIVED = "documents_received", _("書類受領")
        DOCUMENTS_REMINDED = "documents_reminded", _("書類提出期限の督促")
        WITHDRAWN = "withdrawn", _("取下げ")
        INPUT_SAVED = "input_saved", _("入力完了")
        INCOME_ATTACHED = "income_attached", _("所得情報添付")
        CROSS_CHECK_OK = "cross_check_ok", _("照合一致")
        SENT_BACK = "sent_back", _("差戻し")
        APPROVED = "approved", _("決裁 (承認)")
        REJECTED = "rejected", _("決裁 (差戻し)")
        ESCALATED = "escalated", _("決裁遅延の通知")
        CLAIMED = "claimed", _("担当")
        RELEASED = "released", _("担当解除")
        REASSIGNED = "reassigned", _("担当付け替え")
        BUNDLED = "bundled", _("送付に追加")
        UNBUNDLED = "unbundled", _("送付から除外")
        SENT = "sent", _("送付")
        HANDED_OVER = "handed_over", _("送付日の記録")
        RESULT = "result", _("結果受領")
        RETURNED = "returned", _("返戻")
        CLOSED = "closed", _("完了")
        REQUEST_HANDLED = "request_handled", _("対応を記録")
        CORRECTED = "corrected", _("訂正を反映")
        USE_SUSPENDED = "use_suspended", _("利用停止")
        USE_RESUMED = "use_resumed", _("利用停止の解除")
        REPORT_ISSUED = "report_issued", _("開示報告書の作成")
        MYNUMBER_APPROVED = "mynumber_approved", _("個人番号の記載を承認")
        ANSWERED = "answered", _("請求者へ回答")
        DEADLINE_EXTENDED = "deadline_extended", _("決定期限の延長")
        CHECKLIST = "checklist", _("提出書類の確認")
        DATAFILE_SPELLING = "datafile_spelling", _("送付用の表記")

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("日時"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("実施者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    office = models.ForeignKey(
        "cases.Office",
        verbose_name=_("事務所"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=30, choices=Action.choices)
    from_stage = models.CharField(_("変更前"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("変更後"), max_length=20, choices=Stage.choices, blank=True)
    # What the system says (cases/common/texts.py: a code and its parameters, worded in the screen's
    # language when shown); `comment` keeps what a person typed (a reason), as typed.
    text_code = models.CharField(_("文言コード"), max_length=40, blank=True)
    text_params = models.JSONField(_("文言の値"), default=dict, blank=True)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        verbose_name = _("案件履歴")
        verbose_name_plural = _("案件履歴")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["case", "at"], name="caseevent_case_at_idx"),
            # The dashboard's 差戻し and 返戻 rates count one kind of row over the last weeks.
            models.Index(fields=["action", "at", "case"], name="caseevent_action_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_action_display()}"

    @property
    def said(self) -> str:
        """The system's sentence alone, in the active language ("" when it said nothing)."""
        return text_render(self.text_code, self.text_params) if self.text_code else ""

    @property
    def text(self) -> str:
        """The system's sentence in the active language, then what a person typed. Screens and the
        disclosure report show the two apart (`said`, `comment`): typed text can read like the system's."""
        return "\n".join(part for part in (self.said, self.comment) if part)
