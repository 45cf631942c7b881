"""The lists 機構 (or the city) sends of people who should file, and their lines: each matched line starts
a 勧奨 case (cases/qualification/lists/)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.common.texts import text_render


class QualificationList(models.Model):
    """A list from 機構 (or the city's own) of people who should file: one 勧奨 case per person. The same
    file again (SHA-256) is the same list."""

    class Kind(models.TextChoices):
        EMPLOYEE_PENSION_LOSS = "employee_pension_loss", _("厚生年金保険 資格喪失者一覧")
        AGE20_UNENROLLED = "age20_unenrolled", _("20歳到達者 (未加入) 一覧")

    kind = models.CharField(_("一覧の種類"), max_length=30, choices=Kind.choices)
    filename = models.CharField(_("ファイル名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("取込日時"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("取込者"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("cases.Office", verbose_name=_("事務所"), on_delete=models.PROTECT)
    started_at = models.DateTimeField(_("勧奨開始日時"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("勧奨開始者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_by = models.DateField(_("届出の依頼期限"), null=True, blank=True)
    # The letter batch job (like the bundle's): progress committed on its own so the screen sees it move.
    job = models.CharField(_("処理中のジョブ"), max_length=20, blank=True)
    job_total = models.PositiveIntegerField(_("処理対象数"), default=0)
    job_done = models.PositiveIntegerField(_("処理済数"), default=0)
    job_error = models.TextField(_("ジョブのエラー"), blank=True)

    class Meta:
        verbose_name = _("勧奨の一覧")
        verbose_name_plural = _("勧奨の一覧")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"


class QualificationListRow(models.Model):
    """One line of a list: who it names, whom it matched (or why not), the 勧奨 case and its letter."""

    class Status(models.TextChoices):
        MATCHED = "matched", _("該当あり")
        ALREADY = "already", _("届出済・勧奨済")
        # Its own context: the 扶養 screens' 「該当なし」 is "Not applicable"; here it is "Not matched"
        # (nobody on the 住民記録 matched the line, or the one matched is not one to solicit).
        UNMATCHED = "unmatched", pgettext_lazy("勧奨の一覧の照合結果", "該当なし")

    class Letter(models.TextChoices):
        NONE = "", "―"
        PENDING = "pending", _("作成待ち")
        PREPARED = "prepared", _("作成中")
        ISSUED = "issued", _("作成済")
        SKIPPED = "skipped", _("作成しない")

    qualification_list = models.ForeignKey(
        QualificationList, verbose_name=_("一覧"), on_delete=models.CASCADE, related_name="rows"
    )
    line_no = models.PositiveIntegerField(_("行番号"))
    basic_pension_no = models.CharField(_("基礎年金番号"), max_length=10, blank=True)
    atena_no = models.CharField(_("宛名番号"), max_length=20, blank=True)
    kana_name = models.CharField(_("カナ氏名"), max_length=100)
    birth_date = models.DateField(_("生年月日"), null=True, blank=True)  # empty once erased
    event_date = models.DateField(_("事由発生日"), null=True, blank=True)
    employer = models.CharField(_("事業所名"), max_length=100, blank=True)
    resident = models.ForeignKey(
        "cases.Resident",
        verbose_name=_("住民"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("照合結果"), max_length=20, choices=Status.choices)
    # Why it matched nobody or needs no 勧奨, as a sentence (cases/qualification/texts.py ROW_*) worded
    # for each reader; `reason` holds only what rows written before kept and migration 0041 could not
    # turn back into one: words in the importing clerk's language, shown as they are.
    reason_text = models.JSONField(_("理由 (表示用)"), default=dict, blank=True)
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("勧奨の案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="list_row",
    )
    letter = models.CharField(_("勧奨状"), max_length=10, choices=Letter.choices, blank=True)
    letter_no = models.PositiveIntegerField(_("勧奨状の番号"), null=True, blank=True)
    letter_content = models.JSONField(_("勧奨状の内容"), null=True, blank=True)
    # The batch PDF (documents.Document) the letter is printed in: set once, so no letter is in two.
    letter_document_id = models.BigIntegerField(_("勧奨状の帳票"), null=True, blank=True)
    letter_note = models.CharField(_("勧奨状の結果"), max_length=200, blank=True)
    # When a line that matched nobody lost its name, dates and numbers (cases/qualification/list_retention.py).
    erased_at = models.DateTimeField(_("氏名等の消去日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("勧奨の一覧の行")
        verbose_name_plural = _("勧奨の一覧の行")
        ordering = ["qualification_list", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["qualification_list", "line_no"], name="qualification_row_line"),
            models.UniqueConstraint(
                fields=["qualification_list", "letter_no"],
                condition=Q(letter_no__isnull=False),
                name="qualification_row_letter_no",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qualification_list_id}:{self.line_no}"

    @property
    def reason_shown(self) -> str:
        """The reason in the active language (a row written before reasons were kept as sentences:
        as it was written)."""
        if self.reason_text:
            return text_render(self.reason_text.get("code", ""), self.reason_text.get("params"))
        return self.reason
