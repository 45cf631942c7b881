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
from django.utils.translation import gettext_noop

from cases.security.audit import ACTOR_NAME
from cases.security.audit_purposes import audit_purpose_show
from cases.security.models.alerts import SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.refusal_words import refusal_message_shown
from cases.security.roles import ROLES_BY_CODE, role_group_label

# The steps of the flows (task:<node>), in the words of the desk. Every label below is a Japanese
# message id, worded in the reader's language when shown (the PDF report renders in Japanese). A
# registered flow's other steps are named from their titles (workflows/casetypes.py flow_register,
# task_label_register); the wording here is kept where a title says more (書類不備 (提出待ち)).
TASK_LABELS = {
    "verify_identity": gettext_noop("本人確認"),
    "await_documents": gettext_noop("書類不備"),
    "enter_data": gettext_noop("入力"),
    "attach_income": gettext_noop("所得情報の添付"),
    "cross_check": gettext_noop("照合"),
    "approve": gettext_noop("決裁"),
    "await_dispatch": gettext_noop("送付待ち"),
    "await_result": gettext_noop("結果待ち"),
    "answer": gettext_noop("回答"),
}
# Fixed targets and the prefixes of targets that carry an id or a name (prefix:value).
TARGET_LABELS = {
    "case": gettext_noop("案件"),
    "resident": gettext_noop("宛名・年金記録"),
    "resident_income": gettext_noop("所得情報"),
    "resident_search": gettext_noop("宛名の検索"),
    "case_search": gettext_noop("案件の検索"),
    "intake": gettext_noop("受付"),
    "intake_request": gettext_noop("請求の受付"),
    "intake_disability": gettext_noop("受付 (障害基礎年金)"),
    "intake_qualification": gettext_noop("受付 (資格届出)"),
    "mynumber_reveal": gettext_noop("個人番号の表示"),
    "mynumber_search": gettext_noop("個人番号による検索"),
    "mynumber_reveal_approval": gettext_noop("個人番号の表示の承認"),
    "operator_reports": gettext_noop("帳票出力 (委託先)"),
    "inquiry_log": gettext_noop("問合せ受付簿"),
    "inquiry_log_pdf": gettext_noop("問合せ受付簿 (PDF)"),
    "audit_report_csv": gettext_noop("監査報告 (CSV)"),
    "audit_report_pdf": gettext_noop("監査報告 (PDF)"),
    "retention": gettext_noop("保存期限による消去"),
    "use_suspension_lifted": gettext_noop("利用停止の解除"),
    "disclosure_mynumber_approval": gettext_noop("開示報告書への個人番号の記載の承認"),
    "document": gettext_noop("帳票"),
    "datafile_spelling": gettext_noop("送付用の表記"),
    "worklist": gettext_noop("作業票"),
}
PREFIX_LABELS = {
    "task": gettext_noop("作業"),
    "bundle": gettext_noop("送付"),
    "results": gettext_noop("処理結果の取込番号"),
    "result_upload": gettext_noop("処理結果の取込 (確認待ち)"),
    "transfer": gettext_noop("住基への移転"),
    "inquiry": gettext_noop("問合せ"),
    "discrepancy": gettext_noop("突合の不一致"),
    "qualification_list": gettext_noop("勧奨の一覧"),
    "document": gettext_noop("帳票"),
    "document_preview": gettext_noop("帳票のプレビュー"),
    "command": gettext_noop("コマンド"),
    "import": gettext_noop("住民記録・所得情報の取込番号"),
    # The admin's and the login's targets name what they act on in Japanese (職員:clerk1): an event
    # below names the act; one without a label still says what kind of thing it touched.
    "職員": gettext_noop("職員"),
    "事務所": gettext_noop("事務所"),
    "定期処理": gettext_noop("定期処理"),
    "接続元": gettext_noop("接続元"),
}
EVENT_LABELS = {
    "role_grant_requested": gettext_noop("役割の付与の依頼"),
    "role_grant_approved": gettext_noop("役割の付与の承認"),
    "role_grant_refused": gettext_noop("役割の付与の却下"),
    "role_revoked": gettext_noop("役割の取消"),
    "user_added": gettext_noop("職員の追加"),
    "user_changed": gettext_noop("職員情報の変更"),
    "password_reset_by_admin": gettext_noop("パスワードの再設定"),
    "account_unlock": gettext_noop("ロックの解除"),
    "address_unlock": gettext_noop("接続元のロックの解除"),
    "totp_enabled": gettext_noop("二要素認証の登録"),
    "totp_disabled": gettext_noop("二要素認証の解除"),
    "allowed_networks": gettext_noop("利用端末のネットワークの変更"),
    "schedule_changed": gettext_noop("定期処理の変更"),
    "reveal_suspended": gettext_noop("個人番号の表示の停止"),
    "reveal_resumed": gettext_noop("個人番号の表示の再開"),
    "password_change": gettext_noop("パスワードの変更"),
    "account_disabled": gettext_noop("ユーザーIDの利用停止"),
    "superuser_granted": gettext_noop("スーパーユーザー権限の付与"),
    "superuser_revoked": gettext_noop("スーパーユーザー権限の解除"),
}
# Events whose name other targets use too (requested, approved …), worded for one target: a clerk's
# request for a 係長's approval and the approval itself must not read alike.
TARGET_EVENT_LABELS = {
    ("mynumber_reveal_approval", "requested"): gettext_noop("個人番号の表示の承認の依頼"),
    ("mynumber_reveal_approval", "refused"): gettext_noop("個人番号の表示の承認の却下"),
}
REASON_LABELS = {
    "permission": gettext_noop("権限なし"),
    "not_found": gettext_noop("対象なし・他の事務所"),
    "read_only_role": gettext_noop("読み取り専用の役割"),
    "terminal": gettext_noop("利用端末の制限"),
    "mynumber_in_pdf": gettext_noop("帳票に個人番号"),
    # The hourly limits on 個人番号 use (cases/registry/reveal_limits.py): the request refused when reached.
    "reveal_limit": gettext_noop("表示・検索の件数の上限 (表示)"),
    "search_limit": gettext_noop("表示・検索の件数の上限 (検索)"),
    "refusal_limit": gettext_noop("承認のない表示の要求の件数の上限"),
    "reveal_suspended": gettext_noop("表示の停止中"),
    "needs_approval": gettext_noop("係長の承認なし"),
    "use_suspended": gettext_noop("利用停止中"),
    # Logins and logouts (cases.security.auth.Reason; the ログイン試行 admin words them the same).
    "ok": gettext_noop("ログイン成功"),
    "bad_credentials": gettext_noop("ユーザーIDまたはパスワードの誤り"),
    "totp_failed": gettext_noop("確認コードの誤り"),
    "locked": gettext_noop("ロック中のため拒否"),
    "address_locked": gettext_noop("接続元のロック中のため拒否"),
    "delayed": gettext_noop("待機時間中のため拒否"),
    "lockout": gettext_noop("アカウントのロック"),
    "address_lockout": gettext_noop("接続元のロック"),
    "unlocked": gettext_noop("ロックの解除"),
    "address_unlocked": gettext_noop("接続元のロックの解除"),
    "inactive": gettext_noop("利用停止中のユーザーID"),
    "password_expired": gettext_noop("パスワードの有効期限切れ"),
    "logout": gettext_noop("ログアウト (本人)"),
    "idle_logout": gettext_noop("一定時間操作なしによるログアウト"),
    # Commands refused before running (cases.management.base.ActorCommand).
    "no_user": gettext_noop("実行者の指定なし"),
    "unknown_user": gettext_noop("存在しないユーザーID"),
    "inactive_user": gettext_noop("利用停止中の職員"),
    "no_permission": gettext_noop("実行の権限なし"),
    "same_person": gettext_noop("再設定される本人による実行"),
    # An administrator's password or second factor in the admin (cases.security.credential_resets).
    "admin_credentials": gettext_noop("管理者の認証情報は管理サイトで再設定できない"),
    # A sealed bundle's ZIP asked to be made again (cases.submission.bundle_requests.bundle_assemble_request).
    "bundle_sealed": gettext_noop("封緘済みの送付"),
}
# Whether what an entry records worked: a command run keeps its outcome ("ok" or "error") in the
# detail; a refusal and a failed login are their action. Everything else is something done.
OUTCOME_OK, OUTCOME_FAILED, OUTCOME_REFUSED = gettext_noop("成功"), gettext_noop("失敗"), gettext_noop("拒否")
FAILED_ACTIONS = frozenset({AuditAction.LOGIN_FAILED, AuditAction.LOCKOUT})


def reason_label(reason) -> str:
    """A reason code in words (the reader's language); a reason written as a sentence stays as it is."""
    if not isinstance(reason, str):
        return ""
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def reason_text(detail: dict) -> str:
    """The reason in words, then the sentence the refused user read when one was kept
    (cases/security/refusals.py): 「権限なし: 他の事務所 (…) の係長が取り込んだものです…」, worded for the
    reader where it came from the catalogue (cases/security/refusal_words.py). Whole here; the screen
    shortens it, the CSV and the PDF report keep it."""
    label = reason_label(detail.get("reason", ""))
    message = detail.get("message")
    if not isinstance(message, str) or not message.strip() or message == label:
        return label
    message = refusal_message_shown(message)
    return f"{label}: {message}" if label else message


def outcome_label(entry: AuditEntry, detail: dict) -> str:
    if entry.action == AuditAction.DENIED:
        return _(OUTCOME_REFUSED)
    if entry.action in FAILED_ACTIONS or detail.get("outcome") == "error":
        return _(OUTCOME_FAILED)
    return _(OUTCOME_OK)


def _document_kind(kind: str) -> str:
    Document = apps.get_model("documents", "Document")
    try:
        return str(Document.Kind(kind).label)
    except ValueError:
        return kind


def task_label_register(node: str, label) -> None:
    """A flow's step named by its title when its flow registers (workflows/casetypes.py); a label
    written in TASK_LABELS is kept. `label`: a lazy string."""
    TASK_LABELS.setdefault(node, label)


def target_label_register(target: str, label) -> None:
    """A target named by a part above this layer when it registers (a case type's intake screen,
    cases/kernel/casetypes.py); a label written in TARGET_LABELS is kept. `label`: a lazy string."""
    TARGET_LABELS.setdefault(target, label)


def target_label(target: str, detail: dict | None = None) -> str:
    """`task:verify_identity` → 作業: 本人確認; an admin event names what changed."""
    detail = detail or {}
    event = detail.get("event")
    if (target, event) in TARGET_EVENT_LABELS:
        return _(TARGET_EVENT_LABELS[target, event])
    if event in EVENT_LABELS:
        role = detail.get("role")  # the role's group name (Japanese), worded for the reader
        label = _(EVENT_LABELS[event]) + (f" ({role_group_label(role)})" if role else "")
        return f"{label}: {target.split(':', 1)[-1]}" if ":" in target else label
    if target in TARGET_LABELS:
        return _(str(TARGET_LABELS[target]))
    prefix, sep, value = target.partition(":")
    if sep and prefix in PREFIX_LABELS:
        if prefix == "task":
            value = _(str(TASK_LABELS[value])) if value in TASK_LABELS else value
        elif prefix in ("document", "document_preview"):
            value = _document_kind(value)
        return f"{_(PREFIX_LABELS[prefix])}: {value}"
    return target


def reveal_basis(entry: AuditEntry, detail: dict) -> str:
    """What a 個人番号 reveal rested on (cases/registry/mynumber.py _basis_detail), from the entry's own
    detail — no query: 「表示の根拠: 2026-000012 (自分で受け付けた案件)」 or 「表示の根拠: 係長の承認」.
    Empty for other entries and for reveals logged before the basis was kept."""
    if entry.action != AuditAction.MYNUMBER_REVEAL or "basis" not in detail:
        return ""
    if detail["basis"] == "approval":
        return _("表示の根拠: 係長の承認")
    number = detail.get("case_number") or ""
    if detail.get("basis_self_received"):
        return _("表示の根拠: %(case)s (自分で受け付けた案件)") % {"case": number}
    return _("表示の根拠: %(case)s") % {"case": number}


def alert_reason(alert: SecurityAlert) -> str:
    """Why a member of staff was stopped, in words, from the alert's counts (reveal_limits._suspend):
    「1時間に表示 15件・検索 5件 (上限 20件)」. Empty for the daily report's alert (its day is shown)."""
    detail = alert.detail if isinstance(alert.detail, dict) else {}
    if alert.kind == SecurityAlert.Kind.REVEAL_REFUSALS:
        return _("1時間に承認のない表示の要求 %(count)s件 (上限 %(limit)s件)") % detail
    if alert.kind != SecurityAlert.Kind.REVEAL_LIMIT or "limit" not in detail:
        return ""
    if "searches" not in detail:  # raised before searches counted: reveals only
        return _("1時間に表示 %(count)s件 (上限 %(limit)s件)") % detail
    return _("1時間に表示 %(reveals)s件・検索 %(searches)s件 (上限 %(limit)s件)") % detail


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    at: str
    staff: str
    username: str
    office: str
    action: str
    outcome: str
    atena_no: str
    case_number: str
    target: str
    purpose: str
    reason: str
    basis: str = ""


def _staff(then: str | None, now: str) -> str:
    """The name the entry was written under, today's beside it after a rename; entries written before
    names were kept show today's."""
    if not then or then == now:
        return now
    return _("%(then)s (現在: %(now)s)") % {"then": then, "now": now} if now else then


# The names jobs write instead of a login ID: said in the reader's words. "system" is the weekly
# bundle's beat; 「(自動処理)」 the daily job that disables expired accounts (cases.security.passwords).
JOB_NAMES = {"system": gettext_noop("システム"), "(自動処理)": gettext_noop("(自動処理)")}


def _username(username: str) -> str:
    return _(JOB_NAMES[username]) if username in JOB_NAMES else username


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
        rows.append(
            AuditRow(
                entry=e,
                at=timezone.localtime(e.at).isoformat(timespec="seconds"),
                staff=_staff(detail.get(ACTOR_NAME), names.get(e.actor_id, "")) if e.actor_id else "",
                username=_username(e.actor_username),
                office=offices.get(e.office_code, e.office_code),
                action=str(e.get_action_display()),
                outcome=outcome_label(e, detail),
                atena_no=atena.get(e.resident_id, _("(削除済)") if e.resident_id else ""),
                case_number=numbers.get(e.case_id, _("(削除済)") if e.case_id else ""),
                target=target_label(e.target, detail),
                purpose=audit_purpose_show(e.target, e.purpose),
                reason=reason_text(detail),
                basis=reveal_basis(e, detail),
            )
        )
    return rows


def role_label(code: str) -> str:
    role = ROLES_BY_CODE.get(code)
    return str(role.label) if role else code
