"""The 委託先オペレーター's screen: the report forms they may output (帳票出力) and nothing else."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from documents.models import Document
from documents.selectors import OPERATOR_KINDS, documents_for_operator

PAGE_SIZE = 50


@login_required
@permission_required("documents.output_reports", raise_exception=True)
def operator_reports(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in OPERATOR_KINDS else ""
    page = Paginator(documents_for_operator(kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = [(k.value, k.label) for k in Document.Kind if k in OPERATOR_KINDS]
    audit_record(action=AuditAction.VIEW, request=request, target="operator_reports", detail={"kind": kind})
    return render(request, "documents/reports.html", {"page": page, "kinds": kinds, "kind": kind})
