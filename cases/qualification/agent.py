"""Who may file a 資格届出 for the person (国民年金法12条2項): the head of the person's household on the 住民記録
without more; anyone else as the person's 代理人 with their 委任状 (as the exemption and 障害基礎年金 intakes ask)."""

import unicodedata

from django.utils.translation import gettext as _

from cases.kernel.counter import Counter
from cases.registry.models.residents import Resident

HOUSEHOLDER = "世帯主"


def _plain(name: str) -> str:
    """A name as typed or registered, without its spaces (half- or full-width) and width differences."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def householder_of(resident: Resident) -> Resident | None:
    """The head of the person's household on the 住民記録, when that is someone else."""
    if resident.is_householder:
        return None
    return (
        Resident.objects.filter(
            household_no=resident.household_no, is_householder=True, removed_on__isnull=True
        )
        .exclude(pk=resident.pk)
        .first()
    )


def agent_errors(counter: Counter, resident: Resident) -> dict[str, str]:
    """法12条2項: a 代理人 other than the registered 世帯主 brings the person's 委任状."""
    if not counter.agent_name.strip():
        if counter.agent_relationship.strip():
            return {"agent_name": _("代理人の氏名を入力してください。")}
        return {}
    if counter.power_of_attorney:
        return {}
    needed = _("世帯主以外の代理人による届出には委任状が必要です (国民年金法12条2項)。")
    if _plain(counter.agent_relationship) != HOUSEHOLDER:
        return {"power_of_attorney": needed}
    head = householder_of(resident)
    if head is None:
        return {"agent_relationship": _("住民記録ではこの方の世帯に別の世帯主がいません。") + needed}
    if _plain(counter.agent_name) not in {_plain(head.kanji_name), _plain(head.kana_name)}:
        return {"agent_name": _("住民記録の世帯主の氏名と一致しません。") + needed}
    return {}
