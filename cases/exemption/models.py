from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.codes import ExemptionKind, StatutoryGround
from cases.common.models import TimeStampedModel
from cases.exemption.choices import (
    DISASTER_DAMAGE_IN_TEXT,
    DISASTER_EVIDENCE_IN_TEXT,
    JOB_LOSS_EVIDENCE_IN_TEXT,
    DisasterDamage,
    DisasterEvidence,
    JobLossEvidence,
    SpecialGround,
)
from cases.kernel.stages import Stage

# Income is attached after 入力 (exemption_input_save sends the job as 入力 ends): a case in these stages
# has not asked for it yet.
BEFORE_INPUT_DONE = frozenset({Stage.INTAKE, Stage.IDENTITY, Stage.AWAITING_DOCUMENTS, Stage.INPUT})


class PersonRole(models.TextChoices):
    APPLICANT = "applicant", _("本人")
    SPOUSE = "spouse", _("配偶者")
    HOUSEHOLDER = "householder", _("世帯主")


class ExemptionApplication(TimeStampedModel):
    """免除・納付猶予申請 (and the 法定免除 / 産前産後 届出): what the applicant asked for."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="exemption"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("申請年度"), help_text=_("免除年度は7月〜翌6月、学生は4月〜翌3月")
    )
    kinds = models.JSONField(_("申請する免除種類 (希望順)"), default=list)
    period_start = models.DateField(_("対象期間 (開始月)"))
    period_end = models.DateField(_("対象期間 (終了月)"), null=True, blank=True)
    is_student = models.BooleanField(_("学生"), default=False)
    school_name = models.CharField(_("学校名"), max_length=100, blank=True)
    graduation_month = models.DateField(_("卒業予定年月"), null=True, blank=True)
    special_ground = models.CharField(
        _("特例"), max_length=20, choices=SpecialGround.choices, blank=True, default=SpecialGround.NONE
    )
    job_loss_person = models.CharField(
        _("失業等の該当者"), max_length=20, choices=PersonRole.choices, blank=True
    )
    job_loss_date = models.DateField(_("離職日等"), null=True, blank=True)
    job_loss_evidence = models.CharField(
        _("失業等の証明書類"), max_length=30, choices=JobLossEvidence.choices, blank=True
    )
    # 則77条の7第1号 (災害): when it happened (the window of years) and how much of the property was lost.
    disaster_date = models.DateField(_("災害の発生日"), null=True, blank=True)
    disaster_damage = models.CharField(
        _("災害による損害の程度"),
        max_length=20,
        choices=DisasterDamage.choices,
        blank=True,
        default=DisasterDamage.UNKNOWN,
        db_default=DisasterDamage.UNKNOWN,
        help_text=_("住宅・家財等の被害金額 (保険金・損害賠償金等で補われた額を除く) と、その価格との割合"),
    )
    disaster_evidence = models.CharField(
        _("災害の証明書類"),
        max_length=30,
        choices=DisasterEvidence.choices,
        blank=True,
        default=DisasterEvidence.NONE,
        db_default=DisasterEvidence.NONE,
    )
    statutory_ground = models.CharField(
        _("法定免除の事由"), max_length=1, choices=StatutoryGround.choices, blank=True
    )
    statutory_since = models.DateField(_("法定免除事由の発生日"), null=True, blank=True)
    expected_birth_date = models.DateField(_("出産予定日"), null=True, blank=True)
    actual_birth_date = models.DateField(_("出産日"), null=True, blank=True)
    multiple_birth = models.BooleanField(_("多胎妊娠"), default=False)
    # 則77条3項 (全額免除) and 77条の5第3項 (納付猶予): 「継続して申請を行う旨」 on the form.
    continuation = models.BooleanField(
        _("継続審査の申出"),
        default=False,
        db_default=False,
        help_text=_("翌年度以降も継続して審査を希望する"),
    )
    # As written on the paper form; the cross-check compares these with the 住民記録.
    declared_kana_name = models.CharField(_("申請書のカナ氏名"), max_length=100, blank=True)
    declared_kanji_name = models.CharField(_("申請書の漢字氏名"), max_length=100, blank=True)
    declared_birth_date = models.DateField(_("申請書の生年月日"), null=True, blank=True)
    declared_address = models.CharField(_("申請書の住所"), max_length=200, blank=True)
    spouse = models.ForeignKey(
        "cases.Resident",
        verbose_name=_("配偶者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    householder = models.ForeignKey(
        "cases.Resident",
        verbose_name=_("世帯主"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    household_confirmed = models.BooleanField(_("世帯構成を確認済"), default=False)
    remarks = models.TextField(_("備考"), blank=True)
    income_attachment = models.JSONField(_("所得情報の添付"), null=True, blank=True)
    income_attached_at = models.DateTimeField(_("所得情報の添付日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("免除申請")
        verbose_name_plural = _("免除申請")

    def __str__(self) -> str:
        return f"{self.case} {self.fiscal_year}年度"

    @property
    def job_loss_evidence_in_text(self) -> str:
        """The paper showing the job loss (則77条の7第2号) as a sentence words it (JOB_LOSS_EVIDENCE_IN_TEXT)."""
        return JOB_LOSS_EVIDENCE_IN_TEXT.of(self.job_loss_evidence)

    @property
    def disaster_damage_in_text(self) -> str:
        """The share of the property lost (則77条の7第1号) as a sentence words it (DISASTER_DAMAGE_IN_TEXT)."""
        return DISASTER_DAMAGE_IN_TEXT.of(self.disaster_damage)

    @property
    def disaster_evidence_in_text(self) -> str:
        """The paper showing the damage as a sentence words it (DISASTER_EVIDENCE_IN_TEXT)."""
        return DISASTER_EVIDENCE_IN_TEXT.of(self.disaster_evidence)

    @property
    def income_attachment_state(self) -> str:
        """What the case page says of the attachment: "attached"; "attaching" once 入力 has asked for it
        (exemption_input_save clears it and sends the job; the case waits at 照合 until it is there);
        "after_input" before 入力 is done, when nothing has been asked yet (the QA walk found 「添付中」 on
        a case just taken); "none" for a case that ended without it (取下げ)."""
        if self.income_attachment:
            return "attached"
        stage = self.case.stage
        if stage == Stage.CROSS_CHECK:
            return "attaching"
        return "after_input" if stage in BEFORE_INPUT_DONE else "none"

    @property
    def kind_labels(self) -> list[str]:
        return [str(ExemptionKind(kind).label) for kind in self.kinds]
