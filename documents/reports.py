"""Reports that belong to no case or bundle: the 監査報告 (自己点検・内部監査・外部監査) for a filter of the
access log, and the year's 問合せ受付簿. Snapshotted like every document, then rendered."""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from cases.security.audit import audit_chain_verify
from cases.security.audit_present import audit_rows
from cases.security.inquiries import inquiries_visible_to
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.models.security import Inquiry
from cases.security.selectors.audit import AUDIT_PURPOSES, audit_entries
from documents.snapshot_parts import SNAPSHOT_VERSION, Snapshot, _city, _staff

# The PDF lists this many entries (newest first); the counts always cover the whole filter and the
# CSV has every row.
AUDIT_ENTRY_LIMIT = 2000
_FILTER_LABELS = {
    "username": "職員 (ユーザーID または氏名)",
    "office": "事務所",
    "atena_no": "対象者 (宛名番号)",
    "case_number": "整理番号",
    "case_id": "案件ID",
    "action": "操作",
    "date_from": "期間 (開始日)",
    "date_to": "期間 (終了日)",
    "self_received_basis": "自分で受け付けた案件を根拠とする個人番号の表示",
}


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _filter_rows(filters: dict) -> list[dict]:
    rows = []
    for name, value in filters.items():
        shown = (
            AuditAction(value).label if name == "action" else "該当するもののみ" if value is True else value
        )
        rows.append({"label": _FILTER_LABELS.get(name, name), "value": str(shown), "date": "date" in name})
    return rows


def audit_report_snapshot(*, filters: dict, purpose: str = "self_inspection", requested_by=None) -> Snapshot:
    """`filters` as audit_filter_json returns them (what /audit/ is showing)."""
    parsed = {
        name: dt.date.fromisoformat(value) if name.startswith("date_") else value
        for name, value in filters.items()
    }
    entries = audit_entries(**parsed)
    totals = entries.order_by().aggregate(count=Count("id"))
    by_action = entries.order_by().values("action").annotate(count=Count("id")).order_by("-count", "action")
    by_user = (
        entries.order_by()
        .values("actor_username", "office_code")
        .annotate(count=Count("id"))
        .order_by("-count", "actor_username")
    )
    first_last = entries.order_by().values_list("at", flat=True)
    rows = [
        {
            "id": row.entry.pk,
            "at": row.at,
            "user": f"{row.staff} ({row.username})" if row.staff else row.username,
            "office": row.office,
            "ip": row.entry.source_ip,
            "action": row.action,
            "outcome": row.outcome,
            "atena_no": row.atena_no,
            "case_number": row.case_number,
            "target": row.target,
            "purpose": " ".join(part for part in (row.purpose, row.basis, row.reason) if part),
        }
        for row in audit_rows(entries[:AUDIT_ENTRY_LIMIT])
    ]
    offices = dict(Office.objects.values_list("code", "name"))
    chain = audit_chain_verify()
    earliest = first_last.order_by("at").first()
    latest = first_last.order_by("-at").first()
    context = {
        "version": SNAPSHOT_VERSION,
        "city": _city(),
        "purpose": AUDIT_PURPOSES.get(purpose, AUDIT_PURPOSES["self_inspection"]),
        "filters": _filter_rows(filters),
        "period": {
            "from": filters.get("date_from") or (_local(earliest)[:10] if earliest else None),
            "to": filters.get("date_to") or (_local(latest)[:10] if latest else None),
        },
        "total": totals["count"],
        "by_action": [
            {"label": str(AuditAction(row["action"]).label), "count": row["count"]} for row in by_action
        ],
        "by_user": [
            {
                "user": row["actor_username"] or "(不明)",
                "office": offices.get(row["office_code"], row["office_code"]),
                "count": row["count"],
            }
            for row in by_user[:200]
        ],
        "entries": rows,
        "omitted": max(totals["count"] - len(rows), 0),
        "chain": {
            "ok": chain.ok,
            "checked": chain.checked,
            "head": chain.head,
            "broken_id": chain.broken_id,
            "reason": chain.reason,
        },
        "prepared_by": _staff(requested_by),
        "prepared_at": _local(timezone.now()),
    }
    return Snapshot("documents/pdf/audit_report.html", context)


def inquiry_log_snapshot(*, year: int, requested_by=None) -> Snapshot:
    # The 受付簿 of the offices the requester may see (issue 11: entries are kept per office).
    source = inquiries_visible_to(requested_by) if requested_by is not None else Inquiry.objects.all()
    inquiries = source.select_related("handler").filter(received_at__year=year).order_by("received_at")
    rows = [
        {
            "received_at": _local(q.received_at),
            "channel": q.get_channel_display(),
            "requester": q.requester,
            "subject": q.subject,
            "detail": q.detail,
            "handler": _staff(q.handler),
            "outcome": q.outcome,
            "closed_on": timezone.localdate(q.closed_at).isoformat() if q.closed_at else None,
        }
        for q in inquiries
    ]
    context = {
        "version": SNAPSHOT_VERSION,
        "city": _city(),
        "year": year,
        "rows": rows,
        "open": sum(1 for row in rows if not row["closed_on"]),
        "prepared_by": _staff(requested_by),
        "prepared_at": _local(timezone.now()),
    }
    return Snapshot("documents/pdf/inquiry_log.html", context)


STANDALONE_BUILDERS = {
    "audit_report": audit_report_snapshot,
    "inquiry_log": inquiry_log_snapshot,
}
