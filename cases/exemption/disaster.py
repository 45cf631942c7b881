"""The 災害 ground (国民年金法90条1項4号 and the articles that take it in, with 施行規則77条の7第1号): whether
the facts the clerk recorded make it hold, and what the pre-screen says of it.

The window of years is checked when the application is taken (periods.disaster_window_validate); here the
ground holds when the damage was recorded as about half or more of the property's value. The city cannot
weigh the 罹災証明書 for 機構, so a ground that holds is shown with a 「要確認」 line, not as settled.
"""

from django.utils.translation import gettext as _

from cases.exemption.models import DisasterDamage, ExemptionApplication, SpecialGround


def disaster_ground_holds(application: ExemptionApplication) -> bool:
    return (
        application.special_ground == SpecialGround.DISASTER
        and application.disaster_date is not None
        and application.disaster_damage == DisasterDamage.HALF_OR_MORE
    )


def disaster_warning(application: ExemptionApplication) -> str | None:
    """For a 災害 application: what the clerk must confirm when the ground holds, or why it does not."""
    if application.special_ground != SpecialGround.DISASTER:
        return None
    if disaster_ground_holds(application):
        return _(
            "要確認: 災害による損害 (住宅・家財等の被害金額から保険金・損害賠償金等で補われた額を除いた額が、"
            "その価格のおおむね2分の1以上) を%(evidence)sで確認してください。参考判定は所得を問わず該当見込み"
            "としています (国民年金法施行規則77条の7第1号)。"
        ) % {"evidence": application.disaster_evidence_in_text}
    if application.disaster_damage == DisasterDamage.BELOW_HALF:
        return _(
            "災害による特例: 損害がおおむね2分の1に満たず、災害の事由 (国民年金法施行規則77条の7第1号) に"
            "当たらないため、所得基準で判定します。"
        )
    return _(
        "災害による特例: 損害がおおむね2分の1以上か確認されておらず、災害の事由 (国民年金法施行規則77条の7"
        "第1号) に当たらないため、所得基準で判定します。証明書類で損害の程度を確かめ、入力で選んでください。"
    )
