from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.codes import ChangeReason, Sex, sex_label
from cases.common.models import TimeStampedModel


class Resident(TimeStampedModel):
    """宛名情報: one person as the resident registry (住民記録) knows them."""

    atena_no = models.CharField(_("宛名番号"), max_length=20)
    kana_name = models.CharField(_("カナ氏名"), max_length=100)
    kanji_name = models.CharField(_("漢字氏名"), max_length=100)
    # Normalised copies for search: kana folded to full-width katakana without small kana or spaces.
    kana_search = models.CharField(_("カナ氏名 (検索用)"), max_length=100, editable=False)
    kanji_search = models.CharField(_("漢字氏名 (検索用)"), max_length=100, editable=False)
    birth_date = models.DateField(_("生年月日"))
    sex = models.CharField(_("性別"), max_length=1, choices=Sex.choices)
    household_no = models.CharField(_("世帯番号"), max_length=20)
    is_householder = models.BooleanField(_("世帯主"), default=False)
    relationship = models.CharField(_("続柄"), max_length=30, blank=True)
    address = models.CharField(_("現住所"), max_length=200, blank=True)
    previous_address = models.CharField(_("前住所"), max_length=200, blank=True)
    address_before_move_in = models.CharField(_("転入前住所"), max_length=200, blank=True)
    address_after_move_out = models.CharField(_("転出先住所"), max_length=200, blank=True)
    resided_on = models.DateField(_("住定日"), null=True, blank=True)
    removed_on = models.DateField(_("消除日"), null=True, blank=True)
    changed_on = models.DateField(_("異動日"), null=True, blank=True)
    change_reason = models.CharField(_("異動事由"), max_length=2, choices=ChangeReason.choices, blank=True)
    nationality = models.CharField(_("国籍"), max_length=40, blank=True)
    # SHA-256 of the last imported source row: re-importing an unchanged row is a no-op.
    row_digest = models.CharField(_("取込行ダイジェスト"), max_length=64, blank=True, editable=False)
    # Keyed digest of the extract line the row was last read from: a weekly extract's unchanged
    # lines are recognised by it before they are parsed (cases/registry/imports/lines.py).
    line_digest = models.CharField(
        _("取込元行ダイジェスト"), max_length=32, blank=True, default="", db_default="", editable=False
    )
    retention_until = models.DateField(_("保存期限"), null=True, blank=True)
    # 利用停止請求 granted: the desk warns on every case of this person (set by cases.requests.services).
    use_suspended_on = models.DateField(_("利用停止日"), null=True, blank=True)
    use_suspended_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("利用停止の請求案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("宛名情報")
        verbose_name_plural = _("宛名情報")
        permissions = [("lookup_resident", "宛名の照会画面 (窓口)")]
        # Names are searched by prefix, through the *_pattern_ops indexes of migration 0003 (they
        # serve equality too). Unique values are constraints rather than unique=True, which on
        # PostgreSQL adds a second, LIKE index nobody uses: every index is rebuilt on a bulk import.
        constraints = [
            models.UniqueConstraint(
                fields=["atena_no"],
                name="resident_atena_no_key",
                violation_error_message=_("この宛名番号は既に登録されています。"),
            )
        ]
        indexes = [
            models.Index(fields=["birth_date"], name="resident_birth_idx"),
            models.Index(fields=["household_no", "is_householder"], name="resident_household_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kanji_name} ({self.atena_no})"

    @property
    def is_removed(self) -> bool:
        return self.removed_on is not None

    @property
    def is_use_suspended(self) -> bool:
        return self.use_suspended_on is not None

    @property
    def sex_shown(self) -> str:
        """男 / 女 also for an older extract's M / F (cases.common.codes.sex_label); a value that is
        none of them is shown as it is, so the desk can see and correct it."""
        return sex_label(self.sex) or self.sex


class ResidentHistory(models.Model):
    """The values a resident had before an import changed them (moves, deaths, 消除 …)."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("宛名"), on_delete=models.CASCADE, related_name="history"
    )
    snapshot = models.JSONField(_("変更前の内容"))
    changed_on = models.DateField(_("異動日"), null=True, blank=True)
    change_reason = models.CharField(_("異動事由"), max_length=2, choices=ChangeReason.choices, blank=True)
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)
    batch = models.ForeignKey(
        "cases.ImportBatch", verbose_name=_("取込"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("宛名履歴")
        verbose_name_plural = _("宛名履歴")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.changed_on or ''} {self.get_change_reason_display()}"
