"""Writing the tamper-evident access log. Every write joins the caller's transaction.

Each entry's hash covers the previous entry's hash. Since issue 11 the hash is an HMAC-SHA256 keyed
with NENKIN_AUDIT_KEYS, a secret held outside the database: whoever can edit the table cannot
recompute the chain from an edited entry to the head. Entries written before the key existed keep
their plain SHA-256 (``key_id`` empty) and may only come before the first keyed one.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from cases.security.logging import redact
from cases.security.models.audit import AuditAction, AuditEntry

GENESIS = "0" * 64
# Any constant works; it only has to be the same for every writer of the chain.
_CHAIN_LOCK_KEY = 0x4E454E4B494E


def audit_keyring() -> dict[str, bytes]:
    keys = getattr(settings, "AUDIT_KEYS", None)
    if not keys:
        raise ImproperlyConfigured("NENKIN_AUDIT_KEYS (アクセス記録の鍵) が設定されていません。")
    return keys


class UnknownAuditKey(Exception):
    """An entry names a key that is not in NENKIN_AUDIT_KEYS."""


def audit_entry_digest(entry: AuditEntry) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "office_code": entry.office_code,
        "source_ip": entry.source_ip,
        "action": entry.action,
        "resident_id": entry.resident_id,
        "case_id": entry.case_id,
        "target": entry.target,
        "purpose": entry.purpose,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
    }
    if not entry.key_id:  # written before the chain was keyed
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()
    payload["key_id"] = entry.key_id
    key = audit_keyring().get(entry.key_id)
    if key is None:
        raise UnknownAuditKey(entry.key_id)
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, b"nenkin-desk/audit/v2/" + canonical.encode(), hashlib.sha256).hexdigest()


# The key of the detail that keeps the actor's name as it was.
ACTOR_NAME = "actor_name"


def _client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "")[:45]


def _entry(
    *, action, actor, request, resident_id, case_id, target, purpose, detail, username, prev_hash: str
) -> AuditEntry:
    office = getattr(actor, "office", None) if actor is not None else None
    name = getattr(actor, "display_name", "") if actor is not None else ""
    if name:
        # The name the actor had when acting, inside the hashed record: the auditor reads it years
        # later, after a rename, beside today's (cases/security/audit_present.py).
        detail = {**(detail or {}), ACTOR_NAME: name}
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or username,
        office_code=office.code if office else "",
        source_ip=_client_ip(request),
        action=str(action),
        resident_id=resident_id,
        case_id=case_id,
        # A refused URL is kept as typed, and someone may type a 個人番号 into the address bar: the
        # log cannot forget it later (append-only), so it never takes one in.
        target=redact(target)[:100],
        purpose=purpose[:200],
        detail=detail or {},
        prev_hash=prev_hash,
        key_id=next(iter(audit_keyring())),
    )
    entry.entry_hash = audit_entry_digest(entry)
    return entry


def _chain_head() -> str:
    if connection.vendor == "postgresql":
        # Serialise writers so each entry chains onto the one committed before it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    return AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first() or GENESIS


def _actor(actor: Any, request: HttpRequest | None) -> Any:
    if actor is None and request is not None and request.user.is_authenticated:
        return request.user
    return actor


def _chained(people: Iterable[tuple[int | None, int | None]], **common) -> list[AuditEntry]:
    """An entry per (resident id, case id), each chained onto the one before, the first onto the head
    (read under the chain's lock); repeats left out."""
    entries, previous = [], None
    for resident_id, case_id in dict.fromkeys(people):
        previous = previous or _chain_head()
        entry = _entry(resident_id=resident_id, case_id=case_id, prev_hash=previous, **common)
        entries.append(entry)
        previous = entry.entry_hash
    return entries


@transaction.atomic
def audit_record(
    *,
    action: AuditAction | str,
    actor: Any = None,
    request: HttpRequest | None = None,
    resident_id: int | None = None,
    case_id: int | None = None,
    target: str = "",
    purpose: str = "",
    detail: dict | None = None,
    username: str = "",
) -> AuditEntry:
    (entry,) = _chained(
        [(resident_id, case_id)],
        action=action,
        actor=_actor(actor, request),
        request=request,
        target=target,
        purpose=purpose,
        detail=detail,
        username=username,
    )
    entry.save()
    if request is not None and str(action) == AuditAction.DENIED:
        # RefusalAuditMiddleware does not log the same refusal again.
        request.nenkin_denial_logged = True
    return entry


@transaction.atomic
def audit_record_each(
    *,
    people: Iterable[tuple[int, int | None]],
    action: AuditAction | str,
    request: HttpRequest | None = None,
    actor: Any = None,
    target: str = "",
    purpose: str = "",
    detail: dict | None = None,
) -> int:
    """One entry per person a screen, a list or a file showed — (resident id, case id or None) — so that
    the auditor's filter by 宛名番号 finds every time someone saw that person, in a list too (a search's
    results, a 送付一覧表, a bundle ZIP). One lock and one INSERT for all of them, chained in order."""
    entries = _chained(
        people,
        action=action,
        actor=_actor(actor, request),
        request=request,
        target=target,
        purpose=purpose,
        detail=detail,
        username="",
    )
    AuditEntry.objects.bulk_create(entries)
    return len(entries)


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    head: str
    broken_id: int | None = None
    reason: str = ""
    last_id: int | None = None
    # The key an entry names that the settings lack: the log could not be checked from there on,
    # which is not by itself evidence of tampering (verify_audit_log says which it may be).
    missing_key: str = ""


def audit_chain_verify(*, expect_head: str | None = None) -> ChainCheck:
    """Walks the log in order and reports the first broken link: an edited entry (its hash no longer
    matches its content under the key), a removed one (the next entry's prev_hash no longer matches),
    or an unkeyed entry after the chain was keyed. The anchors outside the database are checked by
    cases.security.audit_anchor."""
    previous, checked, keyed, last_id = GENESIS, 0, False, None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != previous:
            return ChainCheck(
                False, checked, previous, entry.pk, "直前のエントリが削除または改ざんされています"
            )
        if keyed and not entry.key_id:
            return ChainCheck(False, checked, previous, entry.pk, "鍵のないエントリが鍵付きの後にあります")
        try:
            intact = hmac.compare_digest(audit_entry_digest(entry), entry.entry_hash)
        except UnknownAuditKey:
            return ChainCheck(
                False,
                checked,
                previous,
                entry.pk,
                f"鍵 {entry.key_id} が NENKIN_AUDIT_KEYS にありません",
                missing_key=entry.key_id,
            )
        if not intact:
            return ChainCheck(False, checked, previous, entry.pk, "このエントリの内容が改ざんされています")
        keyed = keyed or bool(entry.key_id)
        previous, checked, last_id = entry.entry_hash, checked + 1, entry.pk
    if (
        expect_head
        and expect_head != previous
        and not AuditEntry.objects.filter(entry_hash=expect_head).exists()
    ):
        return ChainCheck(
            False, checked, previous, None, "記録済みの先頭ハッシュが見つかりません (末尾が削除されています)"
        )
    return ChainCheck(True, checked, previous, last_id=last_id)
