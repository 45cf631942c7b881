"""The weekly submission to 日本年金機構 and the reconciliation of its 処理結果一覧表."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_render


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


class RegistryTransfer(models.Model):
    """移転 of 国民年金資格関係情報 to the 住民基本台帳 system: requested, approved, then produced."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("依頼")
        APPROVED = "approved", _("承認")
        PRODUCED = "produced", _("作成済")
        REJECTED = "rejected", _("却下")

    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.REQUESTED)
    reason = models.CharField(_("依頼理由"), max_length=200)
    # The 依頼元 and its 情報処理依頼書 (PIA III-5: 「提供先の各担当課より原則的に情報処理依頼書及び申請書を
    # 提出してもらう…依頼書等の内容を検査した上で」): the 係長 approves against that document. Required by
    # the form and the service; blank only on requests made before they were recorded.
    requesting_department = models.CharField(_("依頼元の担当課"), max_length=60, blank=True)
    request_doc_no = models.CharField(_("情報処理依頼書の番号"), max_length=40, blank=True)
    request_doc_date = models.DateField(_("情報処理依頼書の日付"), null=True, blank=True)
    changes_since = models.DateTimeField(_("対象 (この日時以降の変更)"), null=True, blank=True)
    requested_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("依頼者"), on_delete=models.PROTECT, related_name="+"
    )
    # The columns the file carries, in the format's order: the fixed ones and those the 依頼書 asks for
    # (PIA III-5 「必要な情報のみを提供」; cases/submission/transfer_columns.py). Requests from before the
    # choice are every column, which is what they carried.
    columns = models.JSONField(_("移転する項目"), default=list, blank=True)
    decided_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承認者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Why the 係長 rejected the request (required then): the requester reads it, the auditor reviews it.
    rejection_reason = models.CharField(_("却下の理由"), max_length=200, blank=True)
    produced_at = models.DateTimeField(_("作成日時"), null=True, blank=True)
    # Who made the file: the request's history names each step's person (the log has it too).
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.CharField(_("ファイル"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    record_count = models.PositiveIntegerField(_("件数"), default=0)
    # The request form's one-time key: the same form sent again finds this request instead of making
    # another (three at once made three, and the later ones empty files) — cases/common/once.py.
    request_key = models.CharField(
        _("依頼キー"), max_length=40, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("住基への移転")
        verbose_name_plural = _("住基への移転")
        ordering = ["-requested_at"]
        permissions = [
            ("request_transfer", "住基への移転の依頼"),
            ("approve_transfer", "住基への移転の承認"),
        ]

    def __str__(self) -> str:
        return f"移転 #{self.pk} {self.get_state_display()}"
