"""Bulk 勧奨 from 機構's lists: import with a preview of every line, one 勧奨 case per person, and the
勧奨状 printed as one batch PDF by a worker (progress on the screen, a result per row)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.kernel.access import user_sees_all_offices
from cases.kernel.models import CaseType
from cases.qualification.lists import letters_request, list_import, list_start, listed_date
from cases.qualification.models import QualificationList, QualificationListRow
from cases.registry.imports.errors import ImportRejected
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from documents.models import Document
from workflows.forms.qualification import ListImportForm
from workflows.start import case_start

PERMISSION = "cases.take_intake"
MAX_BYTES = 5 * 1024 * 1024  # a month's list of a large city is far below this
JOB_LABELS = {
    "letters": gettext_lazy("勧奨状の作成待ち"),
    "prepare": gettext_lazy("勧奨状の準備"),
    "render": gettext_lazy("勧奨状の印刷 (PDF)"),
}


def _lists_for(user):
    lists = QualificationList.objects.select_related("imported_by", "office")
    return lists if user_sees_all_offices(user) else lists.filter(office_id=user.office_id)


def _list_for(user, list_id: int) -> QualificationList:
    found = _lists_for(user).filter(pk=list_id).first()
    if found is None:
        raise Http404(_("一覧が見つかりません。"))
    return found


@login_required
@permission_required(PERMISSION, raise_exception=True)
def qualification_lists(request: HttpRequest) -> HttpResponse:
    form = ListImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("ファイルが大きすぎます (5MB まで)。"))
        else:
            try:
                qlist = list_import(
                    kind=form.cleaned_data["kind"], filename=upload.name, data=upload.read(), by=request.user
                )
            except ImportRejected as exc:
                errors = exc.errors[:200]
                form.add_error(
                    "file", _("一覧を取り込めませんでした (%(count)d件の誤り)。") % {"count": len(exc.errors)}
                )
            else:
                if qlist.already_imported:
                    messages.info(
                        request, _("この一覧は取込済みです。前回の取込を表示します (何も変更していません)。")
                    )
                else:
                    messages.success(
                        request, _("一覧を取り込みました。照合結果を確認して勧奨を開始してください。")
                    )
                return redirect("qualification_list_detail", list_id=qlist.pk)
    lists = _lists_for(request.user).annotate(row_count=Count("rows"))[:100]
    context = {"form": form, "errors": errors, "lists": lists}
    return render(request, "workflows/qualification/lists.html", context, status=400 if errors else 200)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def qualification_list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    qlist = _list_for(request.user, list_id)
    rows = qlist.rows.select_related("resident", "case").order_by("line_no")
    # The file's date as the file gave it (the stored 事由発生日 is the filing's: the day before the
    # 厚生年金 loss date), so that the screen, the paper list and the letter show one day.
    date_label = listed_date(qlist.kind, None)[0]
    shown_rows = list(rows)
    for row in shown_rows:
        row.listed_on = listed_date(qlist.kind, row.event_date)[1]
    counts = {row["status"]: row["count"] for row in qlist.rows.values("status").annotate(count=Count("id"))}
    letters = {row["letter"]: row["count"] for row in qlist.rows.values("letter").annotate(count=Count("id"))}
    document_ids = (
        rows.exclude(letter_document_id=None).values_list("letter_document_id", flat=True).distinct()
    )
    documents = Document.objects.filter(pk__in=list(document_ids)).order_by("pk")
    Status, Letter = QualificationListRow.Status, QualificationListRow.Letter
    progress = None
    if qlist.job:
        total = qlist.job_total
        progress = {
            "label": str(JOB_LABELS.get(qlist.job, qlist.job)),
            "done": qlist.job_done,
            "total": total,
            "percent": int(100 * qlist.job_done / total) if total else 0,
        }
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        target=f"qualification_list:{qlist.pk}",
        detail={"rows": len(rows)},
    )
    context = {
        "qlist": qlist,
        "rows": shown_rows,
        "date_label": date_label,
        "counts": {status: counts.get(status, 0) for status in Status.values},
        "startable": counts.get(Status.MATCHED, 0)
        - rows.filter(status=Status.MATCHED, case__isnull=False).count(),
        "letters_waiting": letters.get(Letter.PENDING, 0) + letters.get(Letter.PREPARED, 0),
        "documents": documents,
        "progress": progress,
    }
    return render(request, "workflows/qualification/list_detail.html", context)


def _start(intake):
    # A 勧奨 case has no 受付票: nobody came to the counter yet (it is issued when the filing is taken).
    return case_start(case_type=CaseType.QUALIFICATION, intake=intake, receipt=False)


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def qualification_list_start(request: HttpRequest, list_id: int) -> HttpResponse:
    qlist = _list_for(request.user, list_id)
    opened = list_start(qlist=qlist, by=request.user, start=_start)
    if opened:
        messages.success(
            request,
            _("%(count)d件の勧奨の案件を作成しました。続けて勧奨状を作成してください。") % {"count": opened},
        )
    else:
        messages.info(request, _("新しく作成する勧奨の案件はありません (作成済み・対象外)。"))
    return redirect("qualification_list_detail", list_id=qlist.pk)


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def qualification_list_letters(request: HttpRequest, list_id: int) -> HttpResponse:
    qlist = _list_for(request.user, list_id)
    waiting = letters_request(qlist=qlist, by=request.user)
    if waiting:
        messages.success(request, _("%(count)d件の勧奨状の作成を開始しました。") % {"count": waiting})
    else:
        messages.info(request, _("作成する勧奨状はありません (作成済み、または勧奨の案件がありません)。"))
    return redirect("qualification_list_detail", list_id=qlist.pk)
