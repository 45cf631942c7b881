"""The rows of the inbox and the queue as HTML (`_task_table.html` puts them in its table).

Written here rather than in the template: fifty rows of a dozen cells each were some 1,800 template
nodes a page, about a tenth of a list's time (issue 15: p95 ≤ 50 ms at 50,000 open tasks), and a row has
no logic of its own left — `list_rows.task_rows` worded every cell. Every value read from the case or
the user goes through `e` (the standard library's `html.escape`, which Django's own `escape` calls), and
the whole is marked safe once; the words every row repeats are translated and escaped once per page.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workflows.list_rows import TaskRow


def e(value) -> str:
    return escape(str(value))


# `words` (desk.css): a name (the applicant's, the 担当's), an office, a type or a step breaks between its words
# only, never 「上田　大 / 樹」; a return's reason, free text, may break anywhere.
_ROW = """
    <tr class="{row_class}">
      <td><input type="checkbox" name="task" value="{task_id}" aria-label="{select_label}"></td>
      <td><span class="words">{title}</span>{stage}{returned}</td>
      <td class="nowrap"><a href="{case_url}">{number}</a></td>
      <td class="words">{type_label}</td>
      <td class="words">{kanji_name}{suspended}<br><small class="hint">{kana_name}</small></td>
      <td class="words">{office}</td>
      <td class="nowrap">{received}</td>
      <td class="num nowrap">{age}</td>
      <td class="deadline">{deadline}</td>
      <td>{created}</td>{owner}
      <td class="actions">{actions}</td>
    </tr>"""


def _words() -> dict[str, str]:
    return {
        "suspended": _("利用停止"),
        "documents": pgettext("期限の種類", "書類"),
        "sending": pgettext("期限の種類", "送付"),
        "decision": pgettext("期限の種類", "決定"),
        "overdue": _("期限切れ"),
        "typed": _("コメント（入力）"),
        "unowned": _("未担当"),
        "claim": _("担当する"),
        "work": _("作業する"),
        "release": _("解除"),
        "reassign": _("付け替え"),
    }


def _deadline(row: TaskRow, words: dict[str, str]) -> str:
    if not row.deadline:
        return '<span class="hint">―</span>'
    overdue = f' <span class="badge bad">{words["overdue"]}</span>' if row.overdue else ""
    return f'<span class="nowrap">{e(row.deadline_shown)}</span> <small class="hint">{words[row.deadline_kind]}</small>{overdue}'


def _moment(shown: str) -> str:
    """A moment as `moments_shown` words it, its day and its time each kept on a line: the time may go
    under the day, where on one line the column was the English queue's widest (a 1280 px screen)."""
    day, _space, time = shown.rpartition(" ")
    return f'<span class="nowrap">{e(day)}</span> <span class="nowrap">{e(time)}</span>'


def _owner(row: TaskRow, words: dict[str, str]) -> str:
    # 「未担当」 whole: a Japanese word may otherwise break anywhere (「未担 / 当」).
    return e(row.task.owner) if row.task.owner else f'<span class="nowrap">{words["unowned"]}</span>'


def _actions(row: TaskRow, mode: str, may_reassign: bool, words: dict[str, str]) -> str:
    url = e(row.task_url)
    if mode != "queue":
        found = (
            f'<a class="button primary-small" href="{url}">{words["work"]}</a> '
            f'<button type="submit" class="link" formaction="{url}release/">{words["release"]}</button>'
        )
    elif row.task.owner_id:
        found = ""
    else:
        found = f'<button type="submit" formaction="{url}claim/">{words["claim"]}</button>'
    if may_reassign:
        found += f' <a href="{url}reassign/">{words["reassign"]}</a>'
    return found


def _returned_words(row: TaskRow, words: dict[str, str]) -> str:
    """The return's sentence, then what a person typed as a quote labelled in words (read out too): a
    typed reason can read like the system's own (the timeline shows the two apart the same way)."""
    said = f" <small>{e(row.returned_said)}</small>" if row.returned_said else ""
    if not row.returned_typed:
        return said
    label = f"{words['typed']}: "
    return f'{said} <small class="typed-reason">{e(label)}<q>{e(row.returned_typed)}</q></small>'


def _row(row: TaskRow, mode: str, everyone: bool, may_reassign: bool, words: dict[str, str]) -> str:
    case, resident, returned = row.case, row.case.resident, row.returned
    classes = " ".join(name for name, on in (("returned", returned), ("overdue", row.overdue)) if on)
    return _ROW.format(
        row_class=classes,
        task_id=e(row.task.pk),
        select_label=e(row.select_label),
        title=e(row.title),
        stage=f' <small class="hint nowrap">({e(row.stage)})</small>' if row.stage else "",
        returned=(
            f'<br><span class="badge bad">{e(returned.get_action_display())}</span>'
            f"{_returned_words(row, words)}"
            if returned
            else ""
        ),
        case_url=e(row.case_url),
        number=e(case.number),
        type_label=e(row.type_label),
        kanji_name=e(resident.kanji_name),
        suspended=f' <span class="badge bad">{words["suspended"]}</span>'
        if resident.use_suspended_on
        else "",
        kana_name=e(resident.kana_name),
        office=e(case.office.name),
        received=e(row.received),
        age=e(row.age_text),
        deadline=_deadline(row, words),
        created=_moment(row.created),
        owner=f'\n      <td class="words">{_owner(row, words)}</td>' if everyone else "",
        actions=_actions(row, mode, may_reassign, words),
    )


def rows_html(rows: list[TaskRow], *, mode: str, everyone: bool, may_reassign: bool) -> SafeString:
    """The `<tr>` of each row: a checkbox, the step, the case and its person, dates, the actions."""
    words = {key: e(word) for key, word in _words().items()}
    return mark_safe("".join(_row(row, mode, everyone, may_reassign, words) for row in rows))
