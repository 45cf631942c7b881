"""Which 住基への移転 a user may see (a clerk those requested from their own office, a supervisor all),
and which people a transfer may hold."""

from django.db.models import Exists, OuterRef, QuerySet

from cases.common.codes import InsuredKind
from cases.kernel.access import user_sees_all_offices
from cases.registry.models.pension import PensionRecord, Qualification
from cases.security.models.users import User
from cases.submission.models import RegistryTransfer


def transfers_visible_to(user: User) -> QuerySet[RegistryTransfer]:
    if not user.is_authenticated or not user.has_perm("cases.view_registrytransfer"):
        return RegistryTransfer.objects.none()
    transfers = RegistryTransfer.objects.select_related("requested_by", "decided_by")
    if not user_sees_all_offices(user):
        # Another office's request is a 404, like its cases: its existence is itself information.
        transfers = transfers.filter(requested_by__office_id=user.office_id)
    return transfers.order_by("-requested_at", "-id")


def transfer_pensions_in_range() -> QuerySet[PensionRecord]:
    """The people a 住基への移転 may hold: the PIA's range (II-5 移転 ⑤) 「旭川市に住民登録がある国民年金
    第1号被保険者（資格喪失者を含む。）」.

    - 第1号 now or at any time (a 資格 row of 種別 1, lost or not): 「資格喪失者を含む」 keeps someone who
      was 第1号 and then lost it (to 第2号, 第3号, 死亡 …). Someone never 第1号 (第2号/第3号 only, or
      任意加入 only: 国年法7条 names 第1号 apart from the 附則5条 任意加入) is outside the range.
    - 住民登録がある: a resident already 消除 (転出, 死亡, 職権消除 — removed_on set, as Resident.is_removed)
      is left out even if they were 第1号. 「資格喪失者を含む」 widens the range in 資格, not in 住民登録:
      the 移転先's use is 「住民基本台帳への記載」, and a 消除 person's 住民票 takes no new entry.
    """
    first_kind = Qualification.objects.filter(pension=OuterRef("pk"), insured_kind=InsuredKind.FIRST)
    return PensionRecord.objects.filter(Exists(first_kind), resident__removed_on__isnull=True)
