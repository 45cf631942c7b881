"""開示請求 報告書: the access-log entries about the person, in words the requester can read."""

from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.registry.models.residents import Resident
from cases.security.audit_present import PREFIX_LABELS, TARGET_LABELS
from cases.security.audit_purposes import audit_purpose_show
from cases.security.models.audit import AuditEntry
from cases.security.models.offices import Office
from documents.models import Document
from documents.rendering import DOCUMENT_LANGUAGE

# A person's access log can be long; the report prints this many (newest) and says how many more.
ACCESS_LOG_LIMIT = 5000


_TARGETS = {
    "case": "案件の画面",
    "resident": "宛名・年金記録の画面",
    "intake": "受付の画面",
    "intake_request": "請求の受付の画面",
    "intake_disability": "障害基礎年金の請求の受付の画面",
    "mynumber_search": "個人番号による検索",
    "mynumber_reveal": "個人番号の表示",
    "disclosure_mynumber_approval": "開示報告書への個人番号の記載の承認",
    "retention": "保存期限の経過による消去",
}


def _target_label(target: str) -> str:
    """The log's internal target names, in words the requester can read."""
    if target in _TARGETS:
        return _TARGETS[target]
    prefix, _, rest = target.partition(":")
    if prefix in ("document", "document_preview") and rest in Document.Kind.values:
        suffix = " (プレビュー)" if prefix == "document_preview" else ""
        return f"帳票「{Document.Kind(rest).label}」{suffix}"
    prefixes = {"task": "作業の画面", "bundle": "日本年金機構への送付", "results": "処理結果の取込"}
    prefixes["discrepancy"] = "処理結果との突合"
    if prefix in prefixes:
        return prefixes[prefix]
    # Anything else in the auditor's words, without its internal id; never a code (the report is the
    # requester's: 「resident_search」 reached one before these fell back on the auditor's list).
    with translation.override(DOCUMENT_LANGUAGE):
        if target in TARGET_LABELS:
            return gettext(TARGET_LABELS[target])
        if prefix in PREFIX_LABELS:
            return gettext(PREFIX_LABELS[prefix])
    return "その他の操作"


def _purpose(entry: AuditEntry) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return audit_purpose_show(entry.target, entry.purpose)


def _access_log(resident: Resident) -> tuple[list[dict], int]:
    # Staff user IDs and source addresses are left out: they serve the city's security, not the
    # requester, and printing them would help someone target an account (不開示情報).
    entries = AuditEntry.objects.filter(resident_id=resident.pk)
    total = entries.count()
    offices = dict(Office.objects.values_list("code", "name"))
    rows = [
        {
            "id": entry.pk,
            "at": timezone.localtime(entry.at).isoformat(timespec="seconds"),
            "office": offices.get(entry.office_code, entry.office_code),
            "action": entry.get_action_display(),
            "target": _target_label(entry.target),
            # In the document's words: the list's purposes in Japanese, an old English one as kept today.
            "purpose": _purpose(entry),
            "case_id": entry.case_id,
        }
        for entry in entries.order_by("-id")[:ACCESS_LOG_LIMIT]
    ]
    rows.reverse()
    return rows, total
