"""Where a member of staff may act (issue 11, decided in docs/decisions.md §17).

Seeing is not acting. 係長 see every office's backlog (the product brief), but they act — apply 機構's
results, approve a 個人番号 reveal, lift a suspension — for their own office only. The 本庁 (市民課)
係長 act city-wide: the weekly bundle and the 処理結果一覧表 cover the whole city and are handled there.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cases.security.models.offices import Office
from cases.security.models.users import User


def user_at_main_office(user: User) -> bool:
    """Staff of the 本庁 (市民課), where the city-wide files (the weekly bundle, 住基への移転) are made.
    A superuser is no exception: it does no casework (cases.security.superusers)."""
    office = user.office
    return office is not None and office.kind == Office.Kind.MAIN


def user_acts_citywide(user: User) -> bool:
    return user_at_main_office(user) and user.has_perm("cases.view_all_offices")


def citywide_check(user: User) -> None:
    """The weekly bundle and its files hold every office's cases: only the 本庁's 係長 handle them."""
    if not user_acts_citywide(user):
        raise PermissionDenied(_("市全体の送付・ファイルは本庁の係長が扱います。"))


def user_acts_for(user: User, office_id: int | None) -> bool:
    """Whether ``user`` may act on something of office ``office_id``; None means of no office, i.e.
    the whole city's (an unmatched result line, a suspension without its request): the 本庁's."""
    offices = acting_office_ids(user)
    return offices is None or office_id in offices or (office_id is None and user_at_main_office(user))


def offices_act_check(user: User, office_id: int | None) -> None:
    """Refuses (403, in the access log) what `user_acts_for` does not allow."""
    if not user_acts_for(user, office_id):
        raise PermissionDenied(_("他の事務所の案件です。この案件の事務所の職員が行ってください。"))


def acting_office_ids(user: User) -> set[int] | None:
    """The offices whose cases this user may act on; None for all of them."""
    if user_acts_citywide(user):
        return None
    return {user.office_id} if user.office_id else set()
