"""The head of the access log, anchored outside the database.

A daily job (tasks/schedules.py) appends one signed line to NENKIN_AUDIT_ANCHOR_FILE: the id and hash
of the last entry and how many entries there are up to it. The file is opened for appending only;
in production it lives on its own volume, which the operating system keeps append-only
(``chattr +a``) or ships to the city's log server (docs/security/audit-log.md).

``verify_audit_log`` checks the log against the last anchor: a log emptied (TRUNCATE, DELETE with the
trigger switched off) or cut short after the anchor no longer has the anchored entry, or has fewer
entries up to it, and is reported, even though what is left is a consistent chain.
"""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from cases.security.audit import audit_keyring
from cases.security.models.audit import AuditEntry


class AnchorError(Exception):
    """The anchor file has been tampered with, or the log does not match it."""


@dataclass(frozen=True)
class Anchor:
    at: str
    last_id: int | None
    count: int
    head: str
    key_id: str


def anchor_path() -> Path | None:
    value = getattr(settings, "NENKIN_AUDIT_ANCHOR_FILE", "")
    return Path(value) if value else None


def _signature(fields: dict, key_id: str) -> str:
    key = audit_keyring().get(key_id)
    if key is None:
        raise AnchorError(f"アンカーの鍵 {key_id} が NENKIN_AUDIT_KEYS にありません")
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, b"nenkin-desk/audit-anchor/v1/" + canonical.encode(), hashlib.sha256).hexdigest()


def audit_anchor_write() -> Anchor:
    """Appends the current head. Safe to run any number of times (each run adds one line)."""
    path = anchor_path()
    if path is None:
        raise AnchorError("NENKIN_AUDIT_ANCHOR_FILE (アンカーの保存先) が設定されていません")
    last = AuditEntry.objects.order_by("-id").values_list("id", "entry_hash").first()
    last_id, head = last if last else (None, "")
    count = AuditEntry.objects.filter(id__lte=last_id).count() if last_id else 0
    key_id = next(iter(audit_keyring()))
    fields = {"v": 1, "at": timezone.now().isoformat(), "last_id": last_id, "count": count, "head": head}
    line = json.dumps({**fields, "key_id": key_id, "sig": _signature(fields, key_id)}, ensure_ascii=False)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # O_APPEND: this process can add to the file but never rewrite what is there.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return Anchor(fields["at"], last_id, count, head, key_id)


def audit_anchors_read() -> list[Anchor]:
    """Every anchor in the file, each signature checked. Raises AnchorError naming the bad line."""
    path = anchor_path()
    if path is None or not path.exists():
        return []
    anchors = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            fields = {name: data[name] for name in ("v", "at", "last_id", "count", "head")}
            key_id, signature = data["key_id"], data["sig"]
        except (ValueError, KeyError, TypeError) as exc:
            raise AnchorError(f"アンカーファイルの {number} 行目が読めません") from exc
        if not hmac.compare_digest(_signature(fields, key_id), str(signature)):
            raise AnchorError(f"アンカーファイルの {number} 行目の署名が一致しません (改ざん)")
        anchors.append(Anchor(fields["at"], fields["last_id"], fields["count"], fields["head"], key_id))
    return anchors


def audit_anchor_check() -> Anchor | None:
    """The last anchor, after checking the log still holds what it recorded. None without anchors."""
    anchors = audit_anchors_read()
    if not anchors:
        return None
    anchor = anchors[-1]
    if anchor.last_id is None:
        return anchor
    head = AuditEntry.objects.filter(id=anchor.last_id).values_list("entry_hash", flat=True).first()
    if head != anchor.head:
        raise AnchorError(
            f"{anchor.at} のアンカーが記録した先頭 (ID {anchor.last_id}) がありません (記録の削除・切り詰め)"
        )
    count = AuditEntry.objects.filter(id__lte=anchor.last_id).count()
    if count != anchor.count:
        raise AnchorError(
            f"{anchor.at} のアンカーでは ID {anchor.last_id} までに {anchor.count} 件ありましたが、"
            f"いまは {count} 件です (記録の削除)"
        )
    return anchor
