"""What became of a task since someone's screen was opened, said in words: who moved it from whom,
and when (a 係長's 付け替え or 解除), or that its case was withdrawn.

Each time a task's holder changes against their will or in another tab (付け替え, 解除), the engine
notes it on the task (`Task.data["handovers"]`: from, to, by, at), under the flow lock. That record is
what tells a race from a refusal: a step form sent by someone who held the task a moment ago is a
colleague's move they had not seen (said, not logged); one sent by someone who never held it is a
refusal (logged). viewflow keeps only the current owner, and the timeline names people by their
display name only, so neither could answer that.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from cases.common.date_display import date_show
from cases.kernel.models import Case
from cases.kernel.stages import Stage
from cases.security.models.users import User

KEY = "handovers"


def handover_note(task: Task, *, by: User, to: User | None) -> None:
    """Notes on `task` (saved by the caller, with the owner) that its holder leaves it now, or that a
    係長 gives it, unowned, to someone: `owner_changed_message` names who did it from this record."""
    if task.owner_id is None and to is None:
        return
    entry = {
        "from": task.owner_id,
        "to": to.pk if to else None,
        "by": by.pk,
        "at": timezone.now().isoformat(),
    }
    data = dict(task.data or {})
    data[KEY] = [*data.get(KEY, []), entry]
    task.data = data


def handover_of(task: Task, user: User) -> dict | None:
    """The latest time `user`'s hold of `task` ended (None: they never held it, as far as noted)."""
    for entry in reversed((task.data or {}).get(KEY, [])):
        if entry.get("from") == user.pk:
            return entry
    return None


def handover_message(task: Task, user: User, entry: dict) -> str:
    """Why `user`, who held `task`, no longer does: by whom, when, and where the task is now."""
    people = User.objects.in_bulk([pk for pk in (entry["by"], entry["to"], task.owner_id) if pk])
    at = date_show(dt.datetime.fromisoformat(entry["at"]))
    by, owner = people.get(entry["by"]), people.get(task.owner_id)
    if entry["to"] is not None and entry["to"] == task.owner_id:
        said = _("この作業は %(at)s に %(by)s さんが %(owner)s さんに付け替えました。") % {
            "at": at,
            "by": by,
            "owner": owner,
        }
    else:
        if entry["by"] == user.pk:
            said = _("この作業の担当は %(at)s にあなたが解除しています。") % {"at": at}
        else:
            said = _("あなたのこの作業の担当は %(at)s に %(by)s さんが解除しました。") % {"at": at, "by": by}
        if owner is not None:
            said += " " + _("現在は %(owner)s さんの担当です。") % {"owner": owner}
        else:
            said += " " + _("作業はキューに戻っています。")
    return said + " " + _("送信された内容は記録していません (下の欄に残っています)。")


def owner_changed_message(task: Task) -> str:
    """Why a 付け替え screen that showed another owner than `task` has now changes nothing: who holds it
    now and who made it so. Every end of a hold is noted, so the latest note is how the present owner
    got the task — unless it is to someone else, when they claimed it from the queue since."""
    entries = (task.data or {}).get(KEY, [])
    latest = entries[-1] if entries else None
    people = User.objects.in_bulk([pk for pk in (task.owner_id, latest and latest["by"]) if pk])
    owner, by = people.get(task.owner_id), people.get(latest["by"]) if latest else None
    if owner is None:
        return _(
            "この作業は画面を開いた後に %(by)s さんが担当を解除しました (キューに戻っています)。"
            "もう一度確認してください。"
        ) % {"by": by or "―"}
    if latest is not None and latest["to"] == task.owner_id:
        return _(
            "この作業は画面を開いた後に %(by)s さんが %(owner)s さんに付け替えました。もう一度確認してください。"
        ) % {"by": by, "owner": owner}
    return _("この作業は画面を開いた後に %(owner)s さんが担当しました。もう一度確認してください。") % {
        "owner": owner
    }


def withdrawn_message(task: Task, case: Case) -> str | None:
    """For a task no longer open because its case was withdrawn (取下げ): that, and the day."""
    if case.stage != Stage.WITHDRAWN:
        return None
    return _("この案件は %(day)s に取下げられたため、この作業 (%(task)s) は取り消されました。") % {
        "day": date_show(case.stage_since, "date"),
        "task": task.flow_task.task_title,
    }
