"""Auditor screens: the access log, filtered, and the 自己点検・内部監査・外部監査 report as CSV and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.common.csvsafe import csv_writer
from cases.common.documents import documents
from cases.security.audit import audit_chain_verify, audit_record
from cases.security.audit_present import alert_reason, audit_rows
from cases.security.audit_purposes import fixed_purposes
from cases.security.forms.audit import AuditFilterForm
from cases.security.models.alerts import SecurityAlert
from cases.security.models.audit import AuditAction
from cases.security.selectors.audit import AUDIT_PURPOSES, audit_entries, audit_filter_json

CSV_COLUMNS = (
    "ID",
    gettext_lazy("日時"),
    gettext_lazy("ユーザーID"),
    gettext_lazy("職員"),
    gettext_lazy("事務所"),
    gettext_lazy("接続元"),
    gettext_lazy("操作"),
    gettext_lazy("結果"),
    gettext_lazy("宛名番号"),
    gettext_lazy("整理番号"),
    gettext_lazy("対象"),
    gettext_lazy("利用目的"),
    gettext_lazy("理由"),
    gettext_lazy("表示の根拠"),
    gettext_lazy("ハッシュ"),
)
CSV_CHUNK = 2000


def _filtered(request: HttpRequest):
    form = AuditFilterForm(request.GET or None)
    entries = audit_entries(**form.cleaned_data) if form.is_valid() else audit_entries()
    if form.is_bound and not form.is_valid():
        entries = entries.none()
    return form, entries


@login_required
@permission_required("cases.view_audit_log", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    return _log_page(request, form, entries)


def _log_page(request: HttpRequest, form, entries, *, status: int = 200) -> HttpResponse:
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    chain = audit_chain_verify() if request.GET.get("verify") else None
    context = {
        "form": form,
        "page": page,
        "rows": audit_rows(page.object_list),
        "chain": chain,
        "alerts": [(a, alert_reason(a)) for a in SecurityAlert.objects.select_related("user__office")[:20]],
        # The report's kinds, worded in the reader's language (the report itself is in Japanese).
        "purposes": [(code, fixed_purposes()[text]) for code, text in AUDIT_PURPOSES.items()],
    }
    return render(request, "cases/audit/log.html", context, status=status)


@login_required
@permission_required("cases.view_audit_log", raise_exception=True)
def audit_report_csv(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    if form.is_bound and not form.is_valid():
        # A file with the header only would read as "nothing happened": the screen instead, with the
        # same filter and its errors. Shown here, not redirected to: the filter as typed may hold what
        # no URL of ours may carry (a 12-digit number is refused in any address).
        messages.error(request, _("抽出条件に誤りがあります。CSV は出力していません。条件を直してください。"))
        return _log_page(request, form, entries, status=400)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv_writer(response)
    writer.writerow([str(column) for column in CSV_COLUMNS])
    count = 0
    chunk: list = []
    for entry in entries.iterator(chunk_size=CSV_CHUNK):
        chunk.append(entry)
        if len(chunk) == CSV_CHUNK:
            count += _csv_rows(writer, chunk)
            chunk = []
    count += _csv_rows(writer, chunk)
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        target="audit_report_csv",
        # An unfiltered report has an unbound form, which has no cleaned_data.
        detail={
            "rows": count,
            "filter": {k: str(v) for k, v in getattr(form, "cleaned_data", {}).items() if v},
        },
    )
    return response


def _csv_rows(writer, entries: list) -> int:
    for row in audit_rows(entries):
        e = row.entry
        writer.writerow(
            [
                e.pk,
                row.at,
                row.username,
                row.staff,
                row.office,
                e.source_ip,
                row.action,
                row.outcome,
                row.atena_no,
                row.case_number,
                row.target,
                row.purpose,
                row.reason,
                row.basis,
                e.entry_hash,
            ]
        )
    return len(entries)


@require_POST
@login_required
@permission_required("cases.view_audit_log", raise_exception=True)
def audit_report_pdf(request: HttpRequest) -> HttpResponse:
    """The current filter of /audit/ as a PDF report (documents app); opens it once made."""
    form = AuditFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("抽出条件に誤りがあります。条件を直してから出力してください。"))
        return redirect("audit_log")
    purpose = request.POST.get("purpose", "")
    purpose = purpose if purpose in AUDIT_PURPOSES else "self_inspection"
    filters = audit_filter_json(form.cleaned_data)
    document = documents().report_request(
        kind="audit_report", requested_by=request.user, filters=filters, purpose=purpose
    )
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        target="audit_report_pdf",
        purpose=AUDIT_PURPOSES[purpose],
        detail={"document_id": document.pk, "filter": filters},
    )
    return redirect("document_download", document_id=document.pk)
