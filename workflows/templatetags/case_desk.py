from django import template

from cases.kernel.stages import OPEN_STAGES
from workflows.list_rows import RETURN_ACTIONS, case_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def case_return(context, case):
    """The 差戻し or 返戻 that put an open case where it is now (None otherwise): its reason heads every
    task screen of the case, not the foot of its timeline. A page that has the timeline in hand
    (`events`, a list) finds it there rather than asking the database again."""
    if case.stage not in OPEN_STAGES:
        return None
    events = context.get("events")
    if isinstance(events, list):
        moves = [event for event in events if event.to_stage]
        entry = moves[-1] if moves else None
    else:
        entry = case_entries([case.pk]).get(case.pk)
    return entry if entry is not None and entry.action in RETURN_ACTIONS else None


@register.simple_tag
def case_print_warning(case) -> str:
    """「帳票のフォントにない文字があります: …」 when the person's name or address has a character the
    documents' fonts would print as a box (or an IVS variant they would drop); "" otherwise."""
    from documents.glyphs import glyphs_missing_message

    resident = case.resident
    return glyphs_missing_message(resident.kanji_name, resident.address)


@register.simple_tag(takes_context=True)
def case_datafile_panel(context, case) -> dict:
    """The data-file check of the case header (受付, 入力, the case page): cases/submission/sendable.py."""
    from cases.submission.sendable import datafile_panel

    return datafile_panel(user=context["request"].user, case=case)
