"""What every task screen does with a step call: show the service's refusal on the form, or move on."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def step_complete(
    request: HttpRequest, form, run: Callable[[], object], done_message: str
) -> HttpResponse | None:
    """Runs one step (a workflows.steps call). None: the form shows why it was refused."""
    try:
        run()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("この作業を実行する権限がありません。"))
        return redirect("inbox")
    messages.success(request, done_message)
    return redirect("inbox")
