"""The weekly bundle sent to 日本年金機構 and the cases in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SubmissionBundle(models.Model):
    """One week's bundle: 作成中 → 封緘 → 送付済 → 結果受領 / 一部返戻 (transitions in cases.submission.bundles)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SEALED = "sealed", _("封緘")
        SENT = "sent", _("送付済")
        RESULT_RECEIVED = "result_received", _("結果受領")
        PARTIALLY_RETURNED = "partially_returned", _("一部返戻")

    class Medium(models.TextChoices):
        """How the bundle went to 機構: the PIA's 提供方法 (II-5 提供 ⑥) are 「電子記録媒体（フラッシュメモリを
        除く。）」 and 「紙」, so a USB flash memory is deliberately no choice."""

        CD_R = "cd_r", "CD-R"
        DVD_R = "dvd_r", "DVD-R"
        BD_R = "bd_r", "BD-R"
        PAPER = "paper", _("紙")

    number = models.CharField(_("送付番号"), max_length=20, unique=True)
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.DRAFT)
    cutoff_at = models.DateTimeField(_("締切日時"), help_text=_("この日時までに決裁された案件を含める"))
    # 臨時送付: built by a 係長 on any day for every approved case (e.g. to keep 則9条's 14 days).
    off_cycle = models.BooleanField(_("臨時送付"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sealed_at = models.DateTimeField(_("封緘日時"), null=True, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("封緘者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_on = models.DateField(_("送付日"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("引渡者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the hand-over was made on and who at 機構 (年金事務所) took it: required by the hand-over; blank
    # only on bundles handed over before they were recorded.
    handed_over_medium = models.CharField(_("媒体"), max_length=10, choices=Medium.choices, blank=True)
    received_by = models.CharField(_("受領者"), max_length=60, blank=True)
    # When the adding of the cut-off's cases last ran to its end. Empty until it first has (a worker
    # died in it): such a draft is neither zipped nor sealed until the adding is resumed.
    collected_at = models.DateTimeField(_("案件の追加の完了日時"), null=True, blank=True)
    archive = models.CharField(_("ZIPファイル"), max_length=255, blank=True)
    archive_sha256 = models.CharField(_("ZIPのSHA-256"), max_length=64, blank=True)
    manifest = models.JSONField(_("マニフェスト"), null=True, blank=True)
    # Progress of the background job currently working on the bundle (build or seal).
    job = models.CharField(_("処理中のジョブ"), max_length=20, blank=True)
    job_total = models.PositiveIntegerField(_("処理対象数"), default=0)
    job_done = models.PositiveIntegerField(_("処理済数"), default=0)
    job_error = models.TextField(_("ジョブのエラー"), blank=True)
    # Touched whenever the job reports progress: a job without a recent beat has stopped (a dead
    # worker), and the screen offers to resume it instead of showing it as running forever.
    job_beat_at = models.DateTimeField(_("ジョブの最終応答"), null=True, blank=True)

    class Meta:
        verbose_name = _("送付")
        verbose_name_plural = _("送付")
        ordering = ["-cutoff_at", "-id"]
        permissions = [
            ("seal_bundle", "送付の封緘・引渡"),
            ("download_bundle", "送付データのダウンロード"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_state_display()})"


class BundleItem(models.Model):
    """A case in a bundle. `live` is cleared when the case is removed before sealing or returned by
    機構, so a case is in at most one live bundle — enforced by the unique constraint."""

    bundle = models.ForeignKey(
        SubmissionBundle, verbose_name=_("送付"), on_delete=models.PROTECT, related_name="items"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="bundle_items"
    )
    live = models.BooleanField(_("有効"), default=True)
    added_at = models.DateTimeField(_("追加日時"), auto_now_add=True)
    removed_at = models.DateTimeField(_("除外日時"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("除外者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    removal_reason = models.CharField(_("除外理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("送付案件")
        verbose_name_plural = _("送付案件")
        ordering = ["bundle", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(live=True), name="bundleitem_one_live_bundle_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bundle_id}:{self.case_id}"
