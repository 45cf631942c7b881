from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultUpload(models.Model):
    """A 処理結果一覧表 uploaded by one 係長 and waiting for a second to apply it (issue 11 H1). A second
    係長 of the uploader's office applies or rejects it; the uploader may only withdraw it.

    The raw file is kept sealed (cases.security.sealed_files) with its SHA-256 as evidence of what
    was applied. The file is matched once, when it is checked (at upload, or again on 再照合), and the
    match kept: `preview` says per line which case it found (`case_id`, its `stage` then), whether
    applying writes it (`applies`) or sends it to the 突合 queue, and what that changes; the counts
    beside it. Every view shows the kept match; applying verifies it (cases.submission.result_upload_check).
    An upload kept before the match was (no `checked_at`) is checked again before it can be applied.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("確認待ち")
        APPLIED = "applied", _("反映済")
        REJECTED = "rejected", _("却下")
        # The uploader took back their own mistaken file: not a second 係長's refusal of it.
        WITHDRAWN = "withdrawn", _("取り下げ")

    filename = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored = models.CharField(_("保存先 (暗号化)"), max_length=255)
    line_count = models.PositiveIntegerField(_("行数"), default=0)
    preview = models.JSONField(_("反映内容"), default=list, blank=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.PENDING)
    uploaded_by = models.ForeignKey(
        "cases.User", verbose_name=_("アップロードした係長"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("アップロード日時"), auto_now_add=True)
    checked_at = models.DateTimeField(_("照合日時"), null=True, blank=True)
    checked_by = models.ForeignKey(
        "cases.User",
        verbose_name=_("照合した係長"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matched_count = models.PositiveIntegerField(_("反映する行"), default=0)
    queued_count = models.PositiveIntegerField(_("突合の不一致へ送る行"), default=0)
    decided_by = models.ForeignKey(
        "cases.User",
        verbose_name=_("反映・却下した係長"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("反映・却下日時"), null=True, blank=True)
    decision_reason = models.CharField(_("却下・取り下げの理由"), max_length=200, blank=True)
    result_import = models.ForeignKey(
        "cases.ResultImport",
        verbose_name=_("取込番号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
    )

    class Meta:
        verbose_name = _("処理結果一覧表の確認待ち")
        verbose_name_plural = _("処理結果一覧表の確認待ち")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"
