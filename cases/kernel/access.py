"""Who may see what. Every screen that shows a case goes through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from cases.kernel.casetypes import related_paths
from cases.kernel.models import Case
from cases.security.models.users import User
from cases.security.scope import offices_act_check, user_acts_for


def user_sees_all_offices(user: User) -> bool:
    return user.has_perm("cases.view_all_offices")


def user_acts_on(user: User, case: Case) -> bool:
    """Seeing is not acting (cases/security/scope.py): whether `user` may work on this case's steps —
    their own office's cases, or every office's for the 本庁's 係長."""
    return user_acts_for(user, case.office_id)


def case_act_check(*, user: User, case: Case) -> None:
    """Refuses (403, logged) an act on a case this user may only see: another office's, for a branch 係長."""
    offices_act_check(user, case.office_id)


def cases_visible_to(user: User):
    if not user.is_authenticated:
        return Case.objects.none()
    if not user.has_perm("cases.view_case"):
        return Case.objects.none()
    queryset = Case.objects.all()
    if not user_sees_all_offices(user):
        queryset = queryset.filter(office_id=user.office_id)
    return queryset


def case_get_for_user(*, user: User, case_id: int) -> Case:
    """The case if this user may see it. Another office's case is a 404, not a 403: its existence
    is itself information."""
    if not user.is_authenticated:
        raise PermissionDenied
    case = (
        cases_visible_to(user)
        .filter(pk=case_id)
        .select_related("resident__pension", "office", "counter", *related_paths())
        .first()
    )
    if case is None:
        raise Http404(_("案件が見つかりません。"))
    return case
