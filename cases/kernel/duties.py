"""Separation of duties, declared once (the assessment's 「入力後、届出書等と入力内容を照合」).

A step names the people recorded on the case who may not do it: 照合 never by the inputter; 決裁 never
by the inputter or the cross-checker. The flow nodes (workflows/nodes.py, for claiming and
executing), the queue SQL (workflows/selectors.py, so nobody sees a task they could not take) and the
stage services (cases/kernel/steps.py, whoever calls them) all read this table.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

CROSS_CHECK = "cross_check"
APPROVAL = "approval"

# step → the Case fields (users) excluded from it
EXCLUDED: dict[str, tuple[str, ...]] = {
    CROSS_CHECK: ("inputter",),
    APPROVAL: ("inputter", "cross_checker"),
}
_REFUSALS = {
    CROSS_CHECK: gettext_lazy("照合は入力者と異なる職員が行ってください。"),
    APPROVAL: gettext_lazy("入力者・照合者は同じ案件を決裁できません。"),
}


def excluded_roles(step: str) -> tuple[str, ...]:
    return EXCLUDED.get(step, ())


def duty_allows(case, step: str, user) -> bool:
    return all(getattr(case, f"{role}_id") != user.pk for role in excluded_roles(step))


def duty_check(case, step: str, user) -> None:
    """Raises PermissionDenied when `user` did an earlier step this one must be kept apart from."""
    if not duty_allows(case, step, user):
        raise PermissionDenied(str(_REFUSALS[step]))
