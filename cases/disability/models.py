from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.common.models import TimeStampedModel


class FirstVisitStatus(models.TextChoices):
    """The claimant's status on the 初診日 (法30条1項各号, 法30条の4)."""

    CATEGORY1 = "category1", _("第1号被保険者")
    VOLUNTARY = "voluntary", _("任意加入被保険者")
    CATEGORY2 = "category2", _("第2号被保険者 (厚生年金・共済)")
    CATEGORY3 = "category3", _("第3号被保険者")
    NOT_INSURED = "not_insured", _("加入していない (20歳前・60歳以上など)")


class ClaimBasis(models.TextChoices):
    """What the claimant asks for on the 様式第107号 (請求事由)."""

    RECOGNITION = "recognition", _("障害認定日による請求")
    POST_ONSET = "post_onset", _("事後重症による請求")
    STANDARD = "standard", _("基準障害による請求 (初めて2級以上)")


class SpecialEvent(models.TextChoices):
    """障害認定日の特例 (障害認定基準 第2). The last group needs a doctor's judgement (DOUBT)."""

    NONE = "", _("なし")
    DIALYSIS = "dialysis_start", _("人工透析 (開始日)")
    JOINT = "artificial_joint", _("人工骨頭・人工関節のそう入置換")
    PACEMAKER = "pacemaker", _("心臓ペースメーカーの装着")
    ICD = "icd", _("植込み型除細動器 (ICD) の装着")
    VALVE = "artificial_valve", _("人工弁の装着")
    STOMA = "stoma", _("人工肛門の造設")
    URINARY = "urinary_diversion", _("尿路変更術")
    NEOBLADDER = "neobladder", _("新膀胱の造設")
    AMPUTATION = "amputation", _("肢体の切断・離断")
    LARYNGECTOMY = "laryngectomy", _("喉頭全摘出")
    OXYGEN = "home_oxygen", _("在宅酸素療法の開始")
    CRT = "crt", _("CRT・CRT-D の装着 (医師の判断による)")
    STENT = "stent_graft", _("人工血管 (ステントグラフト) (医師の判断による)")
    HEART = "heart_transplant", _("心臓移植・人工心臓 (医師の判断による)")
    STOMA_BLADDER = "stoma_and_neobladder", _("人工肛門と新膀胱 (医師の判断による)")
    STOMA_URINARY = "stoma_and_urinary_disorder", _("人工肛門と完全排尿障害 (医師の判断による)")
    BRAIN = "cerebrovascular", _("脳血管障害の症状固定 (医師の判断による)")
    VEGETATIVE = "vegetative_state", _("遷延性植物状態 (医師の判断による)")
    VENTILATOR = "ventilator_gastrostomy", _("人工呼吸器・胃ろう (医師の判断による)")


class CertificateForm(models.TextChoices):
    """診断書 (様式第120号の1〜7): eight forms by impairment."""

    EYE = "120-1", _("様式第120号の1 (眼)")
    EAR = "120-2", _("様式第120号の2 (聴覚・鼻腔・平衡・そしゃく嚥下・言語)")
    LIMBS = "120-3", _("様式第120号の3 (肢体)")
    MENTAL = "120-4", _("様式第120号の4 (精神)")
    RESPIRATORY = "120-5", _("様式第120号の5 (呼吸器)")
    CIRCULATORY = "120-6-1", _("様式第120号の6-(1) (循環器)")
    KIDNEY = "120-6-2", _("様式第120号の6-(2) (腎疾患・肝疾患・糖尿病)")
    OTHER = "120-7", _("様式第120号の7 (血液・造血器・その他)")


class OfficeRoute(models.TextChoices):
    CITY = "city", _("市で受理")
    PENSION_OFFICE = "pension_office", _("年金事務所へ案内")


class DisabilityClaim(TimeStampedModel):
    """障害基礎年金の請求 (年金請求書 様式第107号): what the claimant declared at the counter and at 入力,
    and what the rules computed from it (kept with the inputs and the rule set used)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="disability"
    )
    first_visit_on = models.DateField(_("初診日"))
    first_clinic = models.CharField(_("初診の医療機関"), max_length=100)
    congenital = models.BooleanField(_("先天性の障害 (初診日は生年月日)"), default=False)
    certifying_clinic_differs = models.BooleanField(
        _("初診の医療機関と診断書を作成する医療機関が異なる"), default=True
    )
    status_at_first_visit = models.CharField(
        _("初診日の加入状況"), max_length=20, choices=FirstVisitStatus.choices
    )
    resident_in_japan = models.BooleanField(_("初診日に日本国内に住所があった"), default=True)
    previously_insured = models.BooleanField(_("以前に被保険者であった"), default=False)
    early_old_age_claimed = models.BooleanField(_("老齢基礎年金を繰上げ請求している"), default=False)
    merged = models.BooleanField(_("既に障害年金を受給している (併合)"), default=False)
    conditions = models.CharField(_("傷病名"), max_length=200)
    certificate_forms = models.JSONField(_("診断書の様式"), default=list)
    special_event = models.CharField(
        _("障害認定日の特例"), max_length=30, choices=SpecialEvent.choices, blank=True, default=""
    )
    special_event_on = models.DateField(_("特例に該当する日"), null=True, blank=True)
    cured_on = models.DateField(_("症状固定日"), null=True, blank=True)
    claim_basis = models.CharField(_("請求事由"), max_length=20, choices=ClaimBasis.choices)
    # 基準障害 (法30条の3) only: the other conditions' latest 初診日, and the day they first reached grade together.
    other_first_visit_on = models.DateField(_("他の傷病の初診日 (最も遅いもの)"), null=True, blank=True)
    standard_graded_on = models.DateField(_("併合して初めて2級以上に該当した日"), null=True, blank=True)
    children = models.PositiveSmallIntegerField(_("加算対象の子の数"), default=0)
    remarks = models.TextField(_("備考"), blank=True)
    # --- computed (cases/disability/assessment.py), with the rule set's date -----------------------
    office_route = models.CharField(_("受理"), max_length=20, choices=OfficeRoute.choices)
    route = models.CharField(_("初診日要件の区分"), max_length=20)
    route_reason = models.CharField(_("案内の理由"), max_length=200, blank=True)
    recognition_on = models.DateField(_("障害認定日"), null=True, blank=True)
    recognition_basis = models.CharField(_("障害認定日の根拠"), max_length=20, blank=True)
    claim_kind = models.CharField(_("請求の種類"), max_length=20, blank=True)
    payment_start_month = models.DateField(_("支給開始月"), null=True, blank=True)
    assessment = models.JSONField(_("判定 (参考)"), default=dict, blank=True)
    # --- 入力: the 診断書 (様式・現症日) and the 納付状況 copied from 社会保険オンラインシステム ----------
    certificates = models.JSONField(_("診断書 (現症日)"), default=list, blank=True)
    contribution = models.JSONField(_("保険料納付要件 (参考)"), null=True, blank=True)
    contribution_checked_at = models.DateTimeField(_("納付要件の判定日時"), null=True, blank=True)
    # --- 機構's answer --------------------------------------------------------------------------------
    decision = models.CharField(_("判定結果"), max_length=10, blank=True)
    grade = models.PositiveSmallIntegerField(_("障害等級"), null=True, blank=True)
    decided_on = models.DateField(_("判定日"), null=True, blank=True)

    class Meta:
        verbose_name = _("障害基礎年金の請求")
        verbose_name_plural = _("障害基礎年金の請求")

    def __str__(self) -> str:
        return f"{self.case} {self.conditions}"

    @property
    def referred(self) -> bool:
        return self.office_route == OfficeRoute.PENSION_OFFICE

    @property
    def certificate_form_labels(self) -> list[str]:
        return [str(CertificateForm(code).label) for code in self.certificate_forms]


class DisabilityRuleSet(models.Model):
    """Reference data of the 障害基礎年金 rules (cases/disability/params.py) in force from a date until the
    next row's: cut-offs, the 20歳前 income limits and the readings of the DOUBT points."""

    valid_from = models.DateField(_("適用開始日"), unique=True)
    params = models.JSONField(_("パラメータ"))
    source = models.TextField(_("根拠・備考"), blank=True)

    class Meta:
        verbose_name = _("障害基礎年金の基準")
        verbose_name_plural = _("障害基礎年金の基準")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}〜"
