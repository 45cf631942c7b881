"""What every task screen does with a step call: show the service's refusal on the form, or move on."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.common.date_display import series_separator
from cases.kernel.models import Case
from cases.security.refusals import refusal_record
from workflows import engine
from workflows.selectors import next_task_for
from workflows.start import IntakeRepeated, case_start

# Set on a request whose page already says why its task is no longer the user's (views/cases.py).
HANDOVER_SAID = "nenkin_handover_said"


def refused(request: HttpRequest, exc: PermissionDenied) -> None:
    """Logs a refusal the screen answers with a message (cases/security/refusals.py). A task taken or
    finished by someone else a moment earlier (TaskUnavailable) is a race between colleagues, not one."""
    if not isinstance(exc, engine.TaskUnavailable):
        refusal_record(request, message=str(exc))


def not_saved(request: HttpRequest) -> None:
    """Said when a form was sent for a task finished meanwhile (a second tab, an old page): the values
    typed on that screen were not recorded, and the case page shows what was."""
    messages.warning(
        request, _("この画面で入力した内容は保存されていません (別の画面で先に送信されました)。")
    )


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def next_step(request: HttpRequest, process_id: int | None, done_message: str) -> HttpResponse:
    """After a step (or the intake): straight on to this person's next task on the same case — the
    clerk who recorded 本人確認 goes on to 入力 — else back to their inbox."""
    following = next_task_for(user=request.user, process_id=process_id) if process_id else None
    if following is not None:
        messages.success(
            request,
            _("%(done)s 続けて「%(task)s」を行ってください。")
            % {"done": done_message, "task": following.flow_task.task_title},
        )
        return redirect("task_work", task_id=following.pk)
    messages.success(request, done_message)
    return redirect("inbox")


def step_complete(
    request: HttpRequest, form, run: Callable[[], object], done_message: str | Callable[[object], str]
) -> HttpResponse | None:
    """Runs one step (a workflows.steps call). None: the form shows why it was refused. The message
    may depend on where the step took the case (`done_message(task)`)."""
    try:
        task = run()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except engine.FlowBusy as exc:
        # A colleague's longer work holds the case: the form again, as typed, to send once more.
        form.add_error(None, str(exc))
        return None
    except engine.TaskHandedOver as exc:
        # Moved to a colleague since the form was opened: said (task_work may have said it already)
        # with the form as typed, so the values can be copied; a race, not a refusal.
        if not getattr(request, HANDOVER_SAID, False):
            messages.warning(request, str(exc))
        return None
    except PermissionDenied as exc:
        refused(request, exc)
        messages.error(request, str(exc) or _("この作業を実行する権限がありません。"))
        if isinstance(exc, engine.TaskUnavailable):  # finished in another tab a moment earlier
            not_saved(request)
        return redirect("inbox")
    if callable(done_message):
        done_message = done_message(task)
    return next_step(request, getattr(task, "process_id", None), done_message)


def intake_repeated(request: HttpRequest, case) -> HttpResponse:
    """The same intake form sent twice: the case its first submission made, said as such."""
    messages.info(
        request,
        _(
            "この受付は既に整理番号 %(number)s として記録されています (二重送信のため新しい案件は作っていません)。"
        )
        % {"number": case.number},
    )
    return redirect("case_detail", case_id=case.pk)


def intake_open_same(form, open_same) -> None:
    """The confirmation of a second open case of the same type is on the form only when there is one."""
    if not (open_same.visible or open_same.elsewhere):
        form.fields.pop("confirm_open_same", None)


def intake_open_same_unconfirmed(form, open_same) -> bool:
    """True (with the error on the form) when the person has an open case of the type and the clerk did
    not confirm a second one: a form sent again after Back, or a second application typed by mistake
    (the browser test of 2026-12-06 made two cases that way)."""
    if "confirm_open_same" not in form.fields or form.cleaned_data.get("confirm_open_same"):
        return False
    if not (open_same.visible or open_same.elsewhere):
        return False  # open cases of the type, none the same application (e.g. another 年度)
    once = form.cleaned_data.get("once")
    if once and Case.objects.filter(intake_key=once).exists():
        return False  # this very form again: case_start shows the case it made (IntakeRepeated)
    form.add_error(
        "confirm_open_same",
        _(
            "この方には受付中の同じ種類の案件があります: %(cases)s。重ねて受け付ける場合は確認欄に"
            "チェックしてください。"
        )
        % {"cases": open_same_named(open_same)},
    )
    return True


def open_same_named(open_same) -> str:
    """The open cases the clerk may see by 整理番号 (with their 年度 where the type has one); another
    office's only counted: the clerk may not see them (cases/kernel/access.py)."""
    # 「2026-000052 令和8年度 (学生)」: a 年度 label has brackets of its own, the list none around it.
    names = [f"{case.number} {label}" if label else case.number for case, label in open_same.listed]
    if open_same.elsewhere:
        names.append(
            ngettext(
                "他の事務所で受付中 %(count)s 件", "他の事務所で受付中 %(count)s 件", open_same.elsewhere
            )
            % {"count": open_same.elsewhere}
        )
    return series_separator().join(names)


def intake_started(
    request: HttpRequest,
    form,
    *,
    case_type: str,
    intake: Callable[[], Case],
    done: Callable[[Case], str] | None = None,
    answer: Callable[[Case], HttpResponse | None] | None = None,
) -> HttpResponse | None:
    """Starts the case an intake form describes (case_start, with the form's one-time key) and answers
    as every intake does: straight on to 本人確認 of the new case (issue 14 §3) saying `done`; the case
    the first submission made when the form came twice; None, with the service's refusal on the form,
    when the page is to be shown again. `answer` may answer a new case otherwise (a claim referred to
    the 年金事務所 goes to its case page)."""
    try:
        case = case_start(case_type=case_type, once=form.cleaned_data["once"], intake=intake)
    except IntakeRepeated as repeated:
        return intake_repeated(request, repeated.case)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    if answer is not None and (response := answer(case)) is not None:
        return response
    said = (
        done(case)
        if done
        else _("整理番号 %(number)s で受け付けました (受付票は案件画面の「帳票」から印刷できます)。")
        % {"number": case.number}
    )
    return next_step(request, case.process_id, said)
