"""Where a member of staff may act (issue 11, decided in docs/decisions.md §17).

Seeing is not acting. 係長 see every office's backlog (the product brief), but they act — apply 機構's
results, approve a 個人番号 reveal, lift a suspension — for their own office only. The 本庁 (市民課)
係長 act city-wide: the weekly bundle and the 処理結果一覧表 cover the whole city and are handled there.
"""

from cases.security.models.offices import Office
from cases.security.models.users import User


def user_acts_citywide(user: User) -> bool:
    if user.is_superuser:
        return True
    office = user.office
    return office is not None and office.kind == Office.Kind.MAIN and user.has_perm("cases.view_all_offices")


def acting_office_ids(user: User) -> set[int] | None:
    """The offices whose cases this user may act on; None for all of them."""
    if user_acts_citywide(user):
        return None
    return {user.office_id} if user.office_id else set()
