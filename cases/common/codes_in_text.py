"""Choices of cases.common.codes named inside a sentence (文中): their wordings there (cases/common/in_text.py).
Kept apart from the codes, which every layer imports, as the tables need the translation machinery's
contexts and only the warnings and the stored texts read them."""

from django.utils.translation import pgettext_lazy

from cases.common.codes import ExemptionKind, StatutoryGround
from cases.common.in_text import InText

# A kind inside a sentence (the 継続審査 warning's 「…、%(kind)sが承認されています」): cases/common/in_text.py.
EXEMPTION_KIND_IN_TEXT = InText(
    ExemptionKind,
    {
        ExemptionKind.FULL: pgettext_lazy("免除種類 (文中)", "全額免除"),
        ExemptionKind.THREE_QUARTERS: pgettext_lazy("免除種類 (文中)", "4分の3免除"),
        ExemptionKind.HALF: pgettext_lazy("免除種類 (文中)", "半額免除"),
        ExemptionKind.QUARTER: pgettext_lazy("免除種類 (文中)", "4分の1免除"),
        ExemptionKind.DEFERRAL: pgettext_lazy("免除種類 (文中)", "納付猶予"),
        ExemptionKind.STUDENT: pgettext_lazy("免除種類 (文中)", "学生納付特例"),
        ExemptionKind.STATUTORY: pgettext_lazy("免除種類 (文中)", "法定免除"),
        ExemptionKind.MATERNITY: pgettext_lazy("免除種類 (文中)", "産前産後免除"),
    },
)


# The grounds inside a sentence (the warning of months under 法定免除, 法89条1項: 「%(months)s は法定免除 (…)
# の期間」): cases/common/in_text.py.
STATUTORY_GROUND_IN_TEXT = InText(
    StatutoryGround,
    {
        StatutoryGround.DISABILITY_PENSION: pgettext_lazy(
            "法定免除の事由 (文中)", "障害基礎年金・障害厚生年金 (1・2級) 等の受給権者"
        ),
        StatutoryGround.LIVELIHOOD_ASSISTANCE: pgettext_lazy(
            "法定免除の事由 (文中)", "生活保護法による生活扶助の受給"
        ),
        StatutoryGround.SANATORIUM: pgettext_lazy("法定免除の事由 (文中)", "国立ハンセン病療養所等への入所"),
    },
)
