"""The transfer of results to the 住基 system (II-5 移転)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
