from django import template

from cases.kernel.stages import OPEN_STAGES
from workflows.selectors import RETURN_ACTIONS, case_entries

register = template.Library()


@register.simple_tag
def case_return(case):
    """The 差戻し or 返戻 that put an open case where it is now (None otherwise): its reason heads every
    task screen of the case, not the foot of its timeline."""
    if case.stage not in OPEN_STAGES:
        return None
    entry = case_entries([case.pk]).get(case.pk)
    return entry if entry is not None and entry.action in RETURN_ACTIONS else None
