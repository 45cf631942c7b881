"""The access log as a person reads it: staff names, office names, 整理番号, 宛名番号 and Japanese
labels instead of ids and codes. Shared by the auditor's screen, its CSV and the PDF report.

The log keeps plain ids (it must outlive what it names); the names are looked up for each page in
four queries. The case and resident models sit above this layer and are looked up by name.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.security.models.audit import AuditEntry
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE

# The steps of the flows (task:<node>), in the words of the desk.
TASK_LABELS = {
    "verify_identity": "本人確認",
    "await_documents": "書類不備",
    "enter_data": "入力",
    "attach_income": "所得情報の添付",
    "cross_check": "照合",
    "approve": "決裁",
    "await_dispatch": "送付待ち",
    "await_result": "結果待ち",
    "respond": "対応",
    "answer": "回答",
    "receive_filing": "届出の受付 (勧奨)",
}
# Fixed targets and the prefixes of targets that carry an id or a name (prefix:value).
TARGET_LABELS = {
    "case": "案件",
    "resident": "宛名・年金記録",
    "resident_search": "宛名の検索",
    "intake": "受付",
    "intake_request": "請求の受付",
    "intake_disability": "受付 (障害基礎年金)",
    "intake_qualification": "受付 (資格届出)",
    "mynumber_reveal": "個人番号の表示",
    "mynumber_search": "個人番号による検索",
    "mynumber_reveal_approval": "個人番号の表示の承認",
    "operator_reports": "帳票出力 (委託先)",
    "inquiry_log": "問合せ受付簿",
    "inquiry_log_pdf": "問合せ受付簿 (PDF)",
    "audit_report_csv": "監査報告 (CSV)",
    "audit_report_pdf": "監査報告 (PDF)",
    "retention": "保存期限による消去",
    "use_suspension_lifted": "利用停止の解除",
    "disclosure_mynumber_approval": "開示報告書への個人番号の記載の承認",
    "document": "帳票",
}
PREFIX_LABELS = {
    "task": "作業",
    "bundle": "送付",
    "results": "処理結果の取込番号",
    "result_upload": "処理結果の取込 (確認待ち)",
    "transfer": "住基への移転",
    "inquiry": "問合せ",
    "discrepancy": "突合の不一致",
    "qualification_list": "勧奨の一覧",
    "document": "帳票",
    "document_preview": "帳票のプレビュー",
    "command": "コマンド",
}
EVENT_LABELS = {
    "role_grant_requested": "役割の付与の依頼",
    "role_grant_approved": "役割の付与の承認",
    "role_grant_refused": "役割の付与の却下",
    "role_revoked": "役割の取消",
    "user_added": "職員の追加",
    "user_changed": "職員情報の変更",
    "password_reset_by_admin": "パスワードの再設定",
    "account_unlock": "ロックの解除",
    "address_unlock": "接続元のロックの解除",
    "totp_enabled": "二要素認証の登録",
    "totp_disabled": "二要素認証の解除",
    "allowed_networks": "利用端末のネットワークの変更",
    "schedule_changed": "定期処理の変更",
    "reveal_suspended": "個人番号の表示の停止",
    "reveal_resumed": "個人番号の表示の再開",
}
REASON_LABELS = {
    "permission": "権限なし",
    "not_found": "対象なし・他の事務所",
    "read_only_role": "読み取り専用の役割",
    "terminal": "利用端末の制限",
    "mynumber_in_pdf": "帳票に個人番号",
    "reveal_limit": "表示件数の上限",
    "reveal_suspended": "表示の停止中",
}


def _document_kind(kind: str) -> str:
    Document = apps.get_model("documents", "Document")
    try:
        return str(Document.Kind(kind).label)
    except ValueError:
        return kind


def target_label(target: str, detail: dict | None = None) -> str:
    """`task:verify_identity` → 作業: 本人確認; an admin event names what changed."""
    detail = detail or {}
    event = detail.get("event")
    if event in EVENT_LABELS:
        role = detail.get("role")
        label = EVENT_LABELS[event] + (f" ({role})" if role else "")
        return f"{label}: {target.split(':', 1)[-1]}" if ":" in target else label
    if target in TARGET_LABELS:
        return TARGET_LABELS[target]
    prefix, sep, value = target.partition(":")
    if sep and prefix in PREFIX_LABELS:
        if prefix == "task":
            value = TASK_LABELS.get(value, value)
        elif prefix in ("document", "document_preview"):
            value = _document_kind(value)
        return f"{PREFIX_LABELS[prefix]}: {value}"
    return target


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    at: str
    staff: str
    username: str
    office: str
    action: str
    atena_no: str
    case_number: str
    target: str
    purpose: str
    reason: str


def audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    entries = list(entries)
    actor_ids = {e.actor_id for e in entries if e.actor_id}
    names = {
        pk: display or username
        for pk, display, username in User.objects.filter(pk__in=actor_ids).values_list(
            "pk", "display_name", "username"
        )
    }
    offices = dict(Office.objects.values_list("code", "name"))
    Case = apps.get_model("cases", "Case")
    Resident = apps.get_model("cases", "Resident")
    numbers = dict(
        Case.objects.filter(pk__in={e.case_id for e in entries if e.case_id}).values_list("pk", "number")
    )
    atena = dict(
        Resident.objects.filter(pk__in={e.resident_id for e in entries if e.resident_id}).values_list(
            "pk", "atena_no"
        )
    )
    rows = []
    for e in entries:
        detail = e.detail if isinstance(e.detail, dict) else {}
        reason = detail.get("reason", "")
        rows.append(
            AuditRow(
                entry=e,
                at=timezone.localtime(e.at).isoformat(timespec="seconds"),
                staff=names.get(e.actor_id, "") if e.actor_id else "",
                # Jobs act as "system" (the weekly bundle's beat): said in the reader's words.
                username=_("システム") if e.actor_username == "system" else e.actor_username,
                office=offices.get(e.office_code, e.office_code),
                action=str(e.get_action_display()),
                atena_no=atena.get(e.resident_id, _("(削除済)") if e.resident_id else ""),
                case_number=numbers.get(e.case_id, _("(削除済)") if e.case_id else ""),
                target=target_label(e.target, detail),
                purpose=e.purpose,
                reason=REASON_LABELS.get(reason, reason) if isinstance(reason, str) else "",
            )
        )
    return rows


def role_label(code: str) -> str:
    role = ROLES_BY_CODE.get(code)
    return role.group if role else code
