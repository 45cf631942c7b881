"""The case itself: its type's code, its row (整理番号, stage, people, due dates) and the 整理番号's counter."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel
from cases.kernel.casetypes import CODE_MAX_LENGTH
from cases.kernel.stages import BEFORE_SENDING, Stage


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
            # The 送付期限 of the cases not yet sent (the dashboard's 「送付期限を過ぎる」, the homes' list of
            # cases the next bundle would send late): most cases on file are sent and past theirs, and the
            # plain send_due_on index read 28,000 of them to find 10,000 (9.5 → 2.5 ms on the bench's data).
            models.Index(
                fields=["send_due_on"],
                condition=models.Q(stage__in=BEFORE_SENDING),
                name="case_unsent_due_idx",
            ),
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
