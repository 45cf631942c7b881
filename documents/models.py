from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Document(models.Model):
    """A generated PDF. Its data is snapshotted when requested, so later edits never change it.

    The labels follow the screen's language; snapshots and PDFs are built in Japanese
    (documents.rendering.DOCUMENT_LANGUAGE), so the forms never do."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("受付票")
        FILING = "filing", _("届書 (入力内容)")
        INCOME = "income", _("所得情報")
        TRANSMITTAL = "transmittal", _("送付書")
        BUNDLE_LIST = "bundle_list", _("送付一覧表")
        AUDIT_REPORT = "audit_report", _("監査報告")
        DISCLOSURE = "disclosure", _("開示報告書")
        INQUIRY_LOG = "inquiry_log", _("問合せ受付簿")
        REFERRAL = "referral", _("年金事務所への案内票")
        SOLICITATIONS = "solicitations", _("勧奨状 (一括)")

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("document status", "作成待ち")
        RENDERING = "rendering", pgettext_lazy("document status", "作成中")
        DONE = "done", pgettext_lazy("document status", "作成済")
        FAILED = "failed", pgettext_lazy("document status", "作成失敗")

    kind = models.CharField("帳票", max_length=20, choices=Kind.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="案件",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    bundle = models.ForeignKey(
        "cases.SubmissionBundle",
        verbose_name="送付",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    template = models.CharField("テンプレート", max_length=100)
    context = models.JSONField("作成時点のデータ")
    context_sha256 = models.CharField("データのSHA-256", max_length=64)
    includes_mynumber = models.BooleanField("個人番号を含む", default=False)
    status = models.CharField("状態", max_length=10, choices=Status.choices, default=Status.REQUESTED)
    file = models.CharField("ファイル", max_length=255, blank=True)
    sha256 = models.CharField("PDFのSHA-256", max_length=64, blank=True)
    pages = models.PositiveIntegerField("ページ数", default=0)
    error = models.TextField("エラー", blank=True)
    # Failed render attempts (the worker retries them with backoff, tasks/documents.py): while it does, the
    # case page says so instead of 作成待ち, and `error` holds the last error's type only.
    render_attempts = models.PositiveSmallIntegerField("失敗した作成の回数", default=0)
    render_failed_at = models.DateTimeField("最後に作成に失敗した日時", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="依頼者", on_delete=models.PROTECT, null=True, blank=True
    )
    requested_at = models.DateTimeField("依頼日時", auto_now_add=True)
    rendered_at = models.DateTimeField("作成日時", null=True, blank=True)
    superseded_at = models.DateTimeField("差替日時", null=True, blank=True)

    class Meta:
        verbose_name = "帳票"
        verbose_name_plural = "帳票"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(superseded_at__isnull=True, case__isnull=False),
                name="document_one_current_per_case_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="document_status_idx")]
        permissions = [
            ("download_document", "帳票のダウンロード・印刷"),
            ("output_reports", "帳票出力 (委託先)"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
