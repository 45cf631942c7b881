"""住基への移転: list and request, approve or reject, produce, download. Rights are checked by the
services as well, so a hand-made POST gets the same refusal as a hidden button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.submission import transfer as svc
from cases.submission.forms.transfers import COLUMN_LABELS, TransferDecideForm, TransferRequestForm
from cases.submission.models import RegistryTransfer
from cases.submission.selectors.transfers import transfers_visible_to
from cases.submission.transfer_columns import FIXED, transfer_columns_chosen

State = RegistryTransfer.State


def _transfers(request: HttpRequest):
    return transfers_visible_to(request.user)


@login_required
@permission_required("cases.view_registrytransfer", raise_exception=True)
def transfer_list(request: HttpRequest) -> HttpResponse:
    can_request = request.user.has_perm("cases.request_transfer")
    form = TransferRequestForm(request.POST or None) if can_request else None
    if request.method == "POST":
        if not can_request:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                transfer = svc.transfer_request(
                    by=request.user,
                    reason=data["reason"],
                    department=data["department"],
                    request_doc_no=data["request_doc_no"],
                    request_doc_date=data["request_doc_date"],
                    columns=data["columns"],
                    once=data["once"],
                    request=request,
                )
            except svc.TransferRepeated as repeated:
                messages.info(
                    request,
                    _(
                        "この依頼は既に移転 #%(number)s として依頼されています (二重送信のため新しい依頼は作っていません)。"
                    )
                    % {"number": repeated.transfer.pk},
                )
                return redirect("transfer_detail", transfer_id=repeated.transfer.pk)
            except svc.TransferOpen as open_one:
                opened = open_one.transfer
                # Said plainly: the 依頼書 just typed is on no record (QA walk: it was dropped silently).
                # Said by what the open one waits for: a 係長's decision, or (approved) its making.
                if opened.state == RegistryTransfer.State.REQUESTED:
                    text = _(
                        "移転 #%(number)s が係長の承認を待っているため、この依頼 (情報処理依頼書 %(doc)s) は記録して"
                        "いません。開いた依頼が承認されて作成されると、その時点までの変更がすべて入ります。この依頼書"
                        "の分も記録が必要なときは、その作成の後に改めて依頼してください。"
                    )
                else:
                    text = _(
                        "移転 #%(number)s が承認済みで作成を待っているため、この依頼 (情報処理依頼書 %(doc)s) は記録"
                        "していません。開いた依頼が作成されると、その時点までの変更がすべて入ります。この依頼書の分も"
                        "記録が必要なときは、その作成の後に改めて依頼してください。"
                    )
                messages.warning(request, text % {"number": opened.pk, "doc": data["request_doc_no"]})
                return redirect("transfer_detail", transfer_id=opened.pk)
            except ValidationError as exc:
                # The service's own checks (a 依頼書 dated in the future): shown at the field, nothing made.
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("移転を依頼しました。係長の承認後に作成できます。"))
                return redirect("transfer_detail", transfer_id=transfer.pk)
    page = Paginator(_transfers(request), 50).get_page(request.GET.get("page"))
    return render(request, "cases/transfers/list.html", {"form": form, "page": page})


@login_required
@permission_required("cases.view_registrytransfer", raise_exception=True)
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    return _detail(request, get_object_or_404(_transfers(request), pk=transfer_id))


def _detail(request: HttpRequest, transfer: RegistryTransfer, decide_form=None) -> HttpResponse:
    user = request.user
    context = {
        "transfer": transfer,
        "columns": [
            COLUMN_LABELS.get(column, column) for column in transfer_columns_chosen(transfer.columns)
        ],
        "fixed_columns": [COLUMN_LABELS.get(column, column) for column in FIXED],
        "can_decide": transfer.state == State.REQUESTED and svc.transfer_may_decide(user, transfer),
        "can_produce": transfer.state == State.APPROVED and svc.transfer_may_produce(user),
        "can_download": transfer.state == State.PRODUCED and svc.transfer_may_produce(user),
    }
    if context["can_decide"]:
        context["form"] = decide_form or TransferDecideForm()
    return render(request, "cases/transfers/detail.html", context)


def _act(request: HttpRequest, transfer_id: int, action, done: str) -> HttpResponse:
    transfer = get_object_or_404(_transfers(request), pk=transfer_id)
    try:
        action(transfer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("transfer_detail", transfer_id=transfer_id)


@require_POST
@login_required
@permission_required("cases.approve_transfer", raise_exception=True)
def transfer_decide_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    """A rejection without a reason (or with a 個人番号 in it) comes back to the page with the error at
    the reason box and what was typed, nothing decided."""
    transfer = get_object_or_404(_transfers(request), pk=transfer_id)
    if request.POST.get("approve") not in ("0", "1"):  # neither button: never taken for a rejection
        messages.error(request, _("「承認する」または「却下する」を押してください。"))
        return redirect("transfer_detail", transfer_id=transfer_id)
    approve = request.POST["approve"] == "1"
    form = TransferDecideForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["rejection_reason"]
        try:
            svc.transfer_decide(
                transfer=transfer, by=request.user, approve=approve, reason=reason, request=request
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # the state changed meanwhile: said above the page
                messages.error(request, " ".join(exc.messages))
                return redirect("transfer_detail", transfer_id=transfer_id)
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("承認しました。") if approve else _("却下しました。"))
            return redirect("transfer_detail", transfer_id=transfer_id)
    return _detail(request, transfer, decide_form=form)


@require_POST
@login_required
@permission_required("cases.view_registrytransfer", raise_exception=True)
def transfer_produce_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    return _act(
        request,
        transfer_id,
        lambda t: svc.transfer_produce(transfer=t, by=request.user, request=request),
        _("移転ファイルを作成しました。"),
    )


@login_required
@permission_required("cases.view_registrytransfer", raise_exception=True)
def transfer_download(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = get_object_or_404(_transfers(request), pk=transfer_id)
    try:
        plain = svc.transfer_download(transfer=transfer, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("transfer_detail", transfer_id=transfer_id)
    response = HttpResponse(plain, content_type="text/csv; charset=utf-8")
    stamp = f"{timezone.localtime(transfer.produced_at):%Y%m%d}"  # the city's day, not UTC's
    response["Content-Disposition"] = f'attachment; filename="juki-transfer-{transfer.pk}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
