"""The choices an exemption application records for its special grounds (則77条の7: 失業等・災害; 法90条1項2号),
with their wordings inside a sentence (cases/common/in_text.py). cases/exemption/models.py uses them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.common.in_text import InText


class SpecialGround(models.TextChoices):
    NONE = "", _("なし")
    UNEMPLOYMENT = "unemployment", _("失業等による特例")
    DOMESTIC_VIOLENCE = "dv", _("配偶者からの暴力 (DV)")
    DISASTER = "disaster", _("災害")
    # 法90条1項2号, 則76条の2: the applicant or a household member receives 生活保護 other than 生活扶助.
    PUBLIC_ASSISTANCE = "assistance", _("生活扶助以外の扶助 (住宅・教育・医療扶助等)")


class JobLossEvidence(models.TextChoices):
    NONE = "", "―"
    EMPLOYMENT_INSURANCE = "insurance_card", _("雇用保険受給資格者証")
    SEPARATION_NOTICE = "separation_notice", _("離職票")
    BUSINESS_CLOSURE = "closure", _("廃業届・事業廃止の証明")
    OTHER = "other", _("その他")


class DisasterDamage(models.TextChoices):
    """則77条の7第1号: 住宅・家財その他の財産の被害金額 (保険金・損害賠償金等で補充された額を除く) が、その価格の
    「おおむね二分の一以上」か. Blank until the clerk has seen the evidence: the ground is then not taken."""

    UNKNOWN = "", _("未確認")
    HALF_OR_MORE = "half_or_more", _("おおむね2分の1以上")
    BELOW_HALF = "below_half", _("2分の1未満")


class DisasterEvidence(models.TextChoices):
    NONE = "", "―"
    DISASTER_CERTIFICATE = "disaster_certificate", _("罹災証明書")
    DAMAGE_CERTIFICATE = "damage_certificate", _("被災証明書")
    OTHER = "other", _("その他 (被害金額を明らかにする書類)")


# The 失業等 and 災害 facts inside a sentence (the case panel's 「(離職日 …, …)」 and 「(災害の発生日 …, 損害 …, …)」
# at 照合 and 決裁, the 要確認 line of cases/exemption/disaster.py): the choices' own words in Japanese; in English
# lower-case words, not the labels a list of choices starts with a capital (「damage: About half or more」,
# issue #10). cases/common/in_text.py.
JOB_LOSS_EVIDENCE_IN_TEXT = InText(
    JobLossEvidence,
    {
        JobLossEvidence.NONE: pgettext_lazy("失業等の証明書類 (文中)", "―"),
        JobLossEvidence.EMPLOYMENT_INSURANCE: pgettext_lazy(
            "失業等の証明書類 (文中)", "雇用保険受給資格者証"
        ),
        JobLossEvidence.SEPARATION_NOTICE: pgettext_lazy("失業等の証明書類 (文中)", "離職票"),
        JobLossEvidence.BUSINESS_CLOSURE: pgettext_lazy("失業等の証明書類 (文中)", "廃業届・事業廃止の証明"),
        JobLossEvidence.OTHER: pgettext_lazy("失業等の証明書類 (文中)", "その他"),
    },
)
DISASTER_DAMAGE_IN_TEXT = InText(
    DisasterDamage,
    {
        DisasterDamage.UNKNOWN: pgettext_lazy("災害の損害の程度 (文中)", "未確認"),
        DisasterDamage.HALF_OR_MORE: pgettext_lazy("災害の損害の程度 (文中)", "おおむね2分の1以上"),
        DisasterDamage.BELOW_HALF: pgettext_lazy("災害の損害の程度 (文中)", "2分の1未満"),
    },
)
DISASTER_EVIDENCE_IN_TEXT = InText(
    DisasterEvidence,
    {
        DisasterEvidence.NONE: pgettext_lazy("災害の証明書類 (文中)", "―"),
        DisasterEvidence.DISASTER_CERTIFICATE: pgettext_lazy("災害の証明書類 (文中)", "罹災証明書"),
        DisasterEvidence.DAMAGE_CERTIFICATE: pgettext_lazy("災害の証明書類 (文中)", "被災証明書"),
        DisasterEvidence.OTHER: pgettext_lazy("災害の証明書類 (文中)", "その他 (被害金額を明らかにする書類)"),
    },
)
