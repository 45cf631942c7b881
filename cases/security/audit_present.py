"""The access log as a person reads it: staff names, office names, 整理番号, 宛名番号 and Japanese
labels instead of ids and codes. Shared by the auditor's screen, its CSV and the PDF report.

The log keeps plain ids (it must outlive what it names); the names are looked up for each page in
four queries. The case and resident models sit above this layer and are looked up by name. The labels
themselves are in cases/security/audit_labels.py (re-exported here).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.security.audit import ACTOR_NAME
from cases.security.audit_labels import (
    EVENT_LABELS,
    FAILED_ACTIONS,
    OUTCOME_FAILED,
    OUTCOME_OK,
    OUTCOME_REFUSED,
    PREFIX_LABELS,
    REASON_LABELS,
    TARGET_EVENT_LABELS,
    TARGET_LABELS,
    TASK_LABELS,
)
from cases.security.audit_purposes import audit_purpose_show
from cases.security.models.alerts import SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.refusal_words import refusal_message_shown
from cases.security.roles import ROLES_BY_CODE, role_group_label


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
