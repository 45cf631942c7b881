"""The 処理結果一覧表 imported from 日本年金機構, its lines, and what did not match."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_render
from cases.submission.models.bundles import SubmissionBundle


class ResultImport(models.Model):
    """One 処理結果一覧表 file from 機構. The same file imported again changes nothing."""

    filename = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("反映日時"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反映した係長"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    total_lines = models.PositiveIntegerField(_("行数"), default=0)
    matched = models.PositiveIntegerField(_("突合済"), default=0)
    discrepancies = models.PositiveIntegerField(_("不一致"), default=0)

    class Meta:
        verbose_name = _("処理結果の取込")
        verbose_name_plural = _("処理結果の取込")
        ordering = ["-imported_at"]
        permissions = [("import_results", "処理結果一覧表の取込")]

    def __str__(self) -> str:
        return self.filename


class ResultLine(models.Model):
    """One line of a 処理結果一覧表, as read, and the case it was matched to."""

    result_import = models.ForeignKey(
        ResultImport, verbose_name=_("取込"), on_delete=models.CASCADE, related_name="lines"
    )
    line_no = models.PositiveIntegerField(_("行番号"))
    reference_no = models.CharField(_("整理番号"), max_length=20, blank=True)
    basic_pension_no = models.CharField(_("基礎年金番号"), max_length=10, blank=True)
    decision = models.CharField(_("判定結果"), max_length=10)
    decided_on = models.DateField(_("判定日"))
    granted_kind = models.CharField(_("承認された免除種類"), max_length=20, blank=True)
    period_start = models.DateField(_("期間 (開始)"), null=True, blank=True)
    period_end = models.DateField(_("期間 (終了)"), null=True, blank=True)
    grade = models.PositiveSmallIntegerField(_("障害等級"), null=True, blank=True)
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="result_lines",
    )

    class Meta:
        verbose_name = _("処理結果")
        verbose_name_plural = _("処理結果")
        ordering = ["result_import", "line_no"]
        indexes = [models.Index(fields=["reference_no"], name="resultline_reference_idx")]

    def __str__(self) -> str:
        return f"{self.result_import_id}:{self.line_no}"


class Discrepancy(models.Model):
    """突合 queue: what a clerk must look at after a results import."""

    class Kind(models.TextChoices):
        UNMATCHED_LINE = "unmatched_line", _("該当する案件のない結果")
        MISSING_RESULT = "missing_result", _("結果のない送付案件")
        DIFFERS = "differs", _("申請内容と異なる結果")
        RETURNED = "returned", _("返戻")

    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discrepancies",
    )
    bundle = models.ForeignKey(
        SubmissionBundle,
        verbose_name=_("送付"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    line = models.ForeignKey(
        ResultLine, verbose_name=_("結果行"), on_delete=models.PROTECT, null=True, blank=True
    )
    # The import that raised the item: a 「結果のない送付案件」 has no line, and the history's 不一致
    # link listed only the items with one (exploratory test, 2026-12-06).
    result_import = models.ForeignKey(
        ResultImport,
        verbose_name=_("取込番号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discrepancy_items",
    )
    # The system's sentence as code + parameters (cases/common/texts.py); `detail` keeps text that is
    # shown as written (機構's own reason, a case type's wording, rows from before codes).
    text_code = models.CharField(_("文言コード"), max_length=40, blank=True)
    text_params = models.JSONField(_("文言の値"), default=dict, blank=True)
    detail = models.CharField(_("内容"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("発生日時"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("対応日時"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対応者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("対応内容"), blank=True)

    class Meta:
        verbose_name = _("突合の不一致")
        verbose_name_plural = _("突合の不一致")
        ordering = ["resolved_at", "-created_at"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="discrepancy_open_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.text}"

    @property
    def text(self) -> str:
        said = text_render(self.text_code, self.text_params) if self.text_code else ""
        return " ".join(part for part in (said, self.detail) if part)
