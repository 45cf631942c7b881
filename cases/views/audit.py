"""Auditor screens: the access log, filtered, and the 自己点検・内部監査 report as CSV."""

import csv

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases.forms.audit import AuditFilterForm
from cases.models import AuditAction
from cases.selectors.audit import audit_entries
from cases.services.audit import audit_chain_verify, audit_record

CSV_COLUMNS = (
    "ID",
    "日時",
    "ユーザーID",
    "事務所",
    "接続元",
    "操作",
    "宛名ID",
    "案件ID",
    "対象",
    "利用目的",
    "ハッシュ",
)


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
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    chain = audit_chain_verify() if request.GET.get("verify") else None
    return render(request, "cases/audit/log.html", {"form": form, "page": page, "chain": chain})


@login_required
@permission_required("cases.view_audit_log", raise_exception=True)
def audit_report_csv(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for e in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                e.pk,
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                e.actor_username,
                e.office_code,
                e.source_ip,
                e.get_action_display(),
                e.resident_id or "",
                e.case_id or "",
                e.target,
                e.purpose,
                e.entry_hash,
            ]
        )
        count += 1
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        target="audit_report_csv",
        detail={"rows": count, "filter": {k: str(v) for k, v in (form.cleaned_data or {}).items() if v}},
    )
    return response
