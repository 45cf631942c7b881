"""Everything sealed with the application keyring, as registered by the part that owns it.

Key rotation (`cases.security.key_rotation`) walks these stores; it knows none of their models.
A part that seals something new (a column or a file) registers it here at start-up, and the next
rotation re-seals it with the rest. `order` keeps the report in the procedure's order
(docs/security/key-rotation.md).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

# The kinds of the rotation report, in the procedure's order.
MYNUMBERS = "個人番号"
SNAPSHOTS = "帳票データの個人番号"
TOTP = "二要素認証の鍵"
DOCUMENT_FILES = "帳票ファイル"
BUNDLE_FILES = "送付データ (ZIP)"
TRANSFER_FILES = "住基への移転ファイル"
RESULT_FILES = "処理結果一覧表 (原本)"
KINDS = (MYNUMBERS, SNAPSHOTS, TOTP, DOCUMENT_FILES, BUNDLE_FILES, TRANSFER_FILES, RESULT_FILES)


@dataclass(frozen=True)
class SealedColumn:
    """Rows whose ciphertext sits at `lookup` (`sealed_of(row)`); `reseal(row)` re-seals it in place
    and the batch is saved with `fields`."""

    kind: str
    rows: Callable[[], QuerySet]
    lookup: str
    sealed_of: Callable
    reseal: Callable
    fields: tuple[str, ...]
    errors: tuple[type[Exception], ...]


@dataclass(frozen=True)
class SealedFiles:
    """Rows naming a sealed file (`name_of(row)`) whose header starts with `magic`."""

    kind: str
    rows: Callable[[], QuerySet]
    magic: bytes
    name_of: Callable
    reseal: Callable
    errors: tuple[type[Exception], ...]


_STORES: dict[str, SealedColumn | SealedFiles] = {}


def sealed_store_register(store: SealedColumn | SealedFiles) -> None:
    _STORES[store.kind] = store  # by kind: registering again (a reloaded module) replaces it


def sealed_stores() -> list[SealedColumn | SealedFiles]:
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(_STORES.values(), key=lambda store: order.get(store.kind, len(order)))
