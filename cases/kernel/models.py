from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel
from cases.common.texts import label_show, text_render
from cases.kernel.casetypes import CODE_MAX_LENGTH
from cases.kernel.stages import OPEN_STAGES, Stage

__all__ = [
    "OPEN_STAGES",
    "REQUEST_CASE_TYPES",
    "Case",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseType",
    "ChecklistItem",
    "CounterRecord",
    "Requester",
    "Stage",
]


class CaseType(models.TextChoices):
    """The codes of the case types this product ships. Behaviour comes from each type's registered
    spec (cases/kernel/casetypes.py), and a plug-in type may use a code not listed here."""

    EXEMPTION = "exemption", _("免除・納付猶予申請")
    DISABILITY = "disability", _("障害基礎年金 請求")
    QUALIFICATION = "qualification", _("資格届出 (第1号)")
    DISCLOSURE = "disclosure", _("開示請求")
    CORRECTION = "correction", _("訂正請求")
    SUSPENSION = "suspension", _("利用停止請求")


# 本人 (or 代理人) asking about the records held on them: one shared flow (workflows.requests).
REQUEST_CASE_TYPES = frozenset({CaseType.DISCLOSURE, CaseType.CORRECTION, CaseType.SUSPENSION})


class Case(TimeStampedModel):
    """One application or filing, from the counter to 機構's result. The source of truth for reports."""

    number = models.CharField(_("整理番号"), max_length=20, unique=True)
    # No choices: the registered types are the list (a plug-in type needs no migration here).
    case_type = models.CharField(_("種別"), max_length=CODE_MAX_LENGTH)
    # The intake form's one-time key: a second submission of the same form (a double click, a resend)
    # finds the case the first one made instead of making another (workflows/start.py).
    intake_key = models.CharField(
        _("受付キー"), max_length=40, null=True, blank=True, unique=True, editable=False
    )
    stage = models.CharField(_("段階"), max_length=20, choices=Stage.choices, default=Stage.INTAKE)
    stage_since = models.DateTimeField(_("段階の開始日時"), default=timezone.now)
    office = models.ForeignKey("cases.Office", verbose_name=_("受付事務所"), on_delete=models.PROTECT)
    resident = models.ForeignKey(
        "cases.Resident", verbose_name=_("申請者"), on_delete=models.PROTECT, related_name="cases"
    )
    received_on = models.DateField(_("受付日"))
    # The spelling the data file for 機構 carries where the 住民記録's does not fit it (a character CP932
    # lacks, such as 𠮷 or ヰ; an address over 50 characters, a カナ氏名 over the record's 40 half-width
    # bytes): cases/submission/sendable.py. Empty: as recorded.
    sent_kana_name = models.CharField(_("送付用のカナ氏名"), max_length=40, blank=True)
    sent_kanji_name = models.CharField(_("送付用の漢字氏名"), max_length=20, blank=True)
    sent_address = models.CharField(_("送付用の住所"), max_length=50, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("受付者"), on_delete=models.PROTECT, related_name="+"
    )
    inputter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("入力者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cross_checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("照合者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("決裁者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    process = models.OneToOneField(
        "viewflow.Process",
        verbose_name=_("フロー"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
    )
    # The day the case must reach 機構 by, for types the law gives one (則9条: 14 days from 受理); the
    # desk and the bundle screen list the cases the next weekly bundle would send after it.
    send_due_on = models.DateField(_("送付期限"), null=True, blank=True, db_index=True)
    # The day the case must be decided by, for types the law gives one (開示・訂正・利用停止請求:
    # 個人情報保護法 83条・94条・102条, 30 days from the request); the desk's lists show it and mark it late.
    decision_due_on = models.DateField(_("決定期限"), null=True, blank=True)
    documents_due_on = models.DateField(_("書類提出期限"), null=True, blank=True)
    documents_reminded_at = models.DateTimeField(_("書類督促日時"), null=True, blank=True)
    approval_escalated_at = models.DateTimeField(_("決裁遅延の通知日時"), null=True, blank=True)
    sent_on = models.DateField(_("送付日"), null=True, blank=True)
    closed_at = models.DateTimeField(_("完了日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["office", "stage"], name="case_office_stage_idx"),
            models.Index(fields=["stage", "received_on"], name="case_stage_received_idx"),
            # The dashboard (workflows/dashboard.py): open cases counted from the index alone, and the
            # weekly counts read by date range.
            models.Index(fields=["stage", "office", "case_type", "received_on"], name="case_dashboard_idx"),
            models.Index(fields=["received_on"], name="case_received_idx"),
            models.Index(fields=["sent_on"], name="case_sent_idx"),
            models.Index(fields=["closed_at"], name="case_closed_idx"),
        ]
        permissions = [
            ("take_intake", "受付"),
            ("verify_identity", "本人確認"),
            ("enter_data", "入力"),
            ("cross_check", "照合"),
            ("approve_case", "決裁"),
            ("view_all_offices", "全事務所の案件を参照"),
            ("reassign_task", "担当の付け替え"),
            ("handle_request", "開示・訂正・利用停止請求の対応"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.type_label}"

    @property
    def type_label(self) -> str:
        from cases.kernel.casetypes import casetype_label  # the registry reads this module's enums

        return casetype_label(self.case_type)

    @property
    def person_label(self) -> str:
        """申請者, 請求者 or 届出者: the person as the case's type names them (its CaseTypeSpec)."""
        from cases.kernel.casetypes import casetype_person_label

        return casetype_person_label(self.case_type)


class CaseNumberSequence(models.Model):
    """Last 整理番号 issued per calendar year; rows are locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(_("年"), unique=True)
    last = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        verbose_name = _("整理番号の採番")
        verbose_name_plural = _("整理番号の採番")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


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
    def text(self) -> str:
        """The system's sentence in the active language, then what a person typed."""
        said = text_render(self.text_code, self.text_params) if self.text_code else ""
        return "\n".join(part for part in (said, self.comment) if part)


class Requester(models.TextChoices):
    SELF = "self", _("本人")
    AGENT = "agent", _("代理人")


class CounterRecord(TimeStampedModel):
    """What happened at the counter, kept once for every case type: who came (本人 or a 代理人, with
    the 委任状) and which identity documents were shown (番号法16条)."""

    case = models.OneToOneField(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="counter"
    )
    requester = models.CharField(
        _("来庁者"), max_length=10, choices=Requester.choices, default=Requester.SELF
    )
    agent_name = models.CharField(_("代理人氏名"), max_length=100, blank=True)
    agent_relationship = models.CharField(_("代理人との関係"), max_length=50, blank=True)
    power_of_attorney = models.BooleanField(_("委任状あり"), default=False)
    identity_documents = models.JSONField(_("本人確認書類"), default=list, blank=True)
    identity_note = models.CharField(_("本人確認の備考"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("窓口の記録")
        verbose_name_plural = _("窓口の記録")

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_requester_display()}"

    @property
    def identity_document_labels(self) -> list[str]:
        from cases.kernel.counter import IdentityDocument

        return [str(IdentityDocument(code).label) for code in self.identity_documents]


class ChecklistItem(TimeStampedModel):
    """One paper a case needs (a 診断書, a 離職票 …), with where it stands. The type's spec says which
    papers (`CaseTypeSpec.checklist`); the kernel keeps their state and stops a case at 照合 while a
    required one is neither in hand nor waived by a 係長."""

    class State(models.TextChoices):
        MISSING = "missing", _("未提出")
        REQUESTED = "requested", _("依頼中")
        RECEIVED = "received", _("受領")
        VERIFIED = "verified", _("確認済")
        WAIVED = "waived", _("不要")

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="checklist")
    code = models.CharField(_("書類コード"), max_length=40)
    label = models.CharField(_("書類"), max_length=200)
    # A name with computed parts (the 診断書's window) kept as a sentence (cases/common/texts.py) too, so
    # that each screen words it in its own language; `label` is what documents for 機構 print.
    label_text = models.JSONField(_("書類名 (表示用)"), default=dict, blank=True)
    required = models.BooleanField(_("必須"), default=True)
    position = models.PositiveSmallIntegerField(_("順序"), default=0)
    state = models.CharField(_("状態"), max_length=12, choices=State.choices, default=State.MISSING)
    due_on = models.DateField(_("提出期限"), null=True, blank=True)
    note = models.CharField(_("備考・理由"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("提出書類")
        verbose_name_plural = _("提出書類")
        ordering = ["case", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="checklist_one_item_per_code")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.label}: {self.get_state_display()}"

    @property
    def settled(self) -> bool:
        return self.state in (self.State.RECEIVED, self.State.VERIFIED, self.State.WAIVED)

    @property
    def label_shown(self) -> str:
        """The paper's name in the screen's language: stored in Japanese, its message id (documents for
        機構 print `label`); a name with computed parts is worded from its stored sentence."""
        if self.label_text:
            return text_render(self.label_text.get("code", ""), self.label_text.get("params"))
        return label_show(self.label)

    @property
    def label_param(self):
        """The name as a timeline parameter of kind "label": the stored sentence when there is one."""
        return self.label_text or self.label
