"""The data each document prints, captured when it is requested (JSON-safe: ISO dates, integer yen).

A builder reads the database once; rendering later works from the snapshot alone, so an edit made
after the document was issued never changes it.
"""

import unicodedata
from dataclasses import replace

from django.utils import translation

from cases.common.freetext import contains_mynumber_like
from cases.kernel.models import Case
from cases.submission.models import SubmissionBundle
from documents.models import Document
from documents.rendering import DOCUMENT_LANGUAGE
from documents.snapshot_bundles import bundle_list_snapshot, transmittal_snapshot
from documents.snapshot_cases import filing_snapshot, income_snapshot, receipt_snapshot

# The parts live in snapshot_parts.py, the builders in snapshot_cases.py and snapshot_bundles.py; the
# callers of snapshot_build import these from here.
from documents.snapshot_parts import DocumentNotAvailable, Kind, Snapshot, case_document_kinds  # noqa: F401

CASE_BUILDERS = {Kind.RECEIPT: receipt_snapshot, Kind.FILING: filing_snapshot, Kind.INCOME: income_snapshot}


def case_builder_register(kind: str, builder) -> None:
    """A case document of one type's own (e.g. the 障害基礎年金 referral slip), registered by its module."""
    CASE_BUILDERS[kind] = builder


BUNDLE_BUILDERS = {Kind.TRANSMITTAL: transmittal_snapshot, Kind.BUNDLE_LIST: bundle_list_snapshot}


def snapshot_build(
    *, kind: str, case: Case | None = None, bundle: SubmissionBundle | None = None
) -> Snapshot:
    # The labels a snapshot copies (kinds, roles, documents shown) must be the form's Japanese, not
    # the language of the screen the request came from.
    with translation.override(DOCUMENT_LANGUAGE):
        snapshot = _snapshot_build(kind=kind, case=case, bundle=bundle)
    if not snapshot.includes_mynumber and _text_holds_mynumber(snapshot.context):
        # Free text (備考, a reason, an address line) with a 12-digit number in it: the document is
        # treated as carrying a 個人番号, so only number-use staff print it and the 委託先 never does.
        snapshot = replace(snapshot, includes_mynumber=True)
    return snapshot


# Not text: the sealed 個人番号 part, and hashes (a hex digest can hold a run of 12 digits by chance).
_NOT_TEXT = frozenset({"mynumber", "sha256", "head", "lookup_hash", "ciphertext", "entry_hash"})


def _text_holds_mynumber(value) -> bool:
    """Whether any text in the snapshot (outside its sealed 個人番号 part and hashes) reads as a 個人番号."""
    if isinstance(value, str):
        return contains_mynumber_like(unicodedata.normalize("NFKC", value))
    if isinstance(value, dict):
        return any(_text_holds_mynumber(item) for key, item in value.items() if key not in _NOT_TEXT)
    if isinstance(value, list | tuple):
        return any(_text_holds_mynumber(item) for item in value)
    return False


def _snapshot_build(*, kind: str, case: Case | None, bundle: SubmissionBundle | None) -> Snapshot:
    if case is not None and kind == Kind.DISCLOSURE:
        from documents.disclosure import disclosure_snapshot  # it builds on this module's parts

        return disclosure_snapshot(case=case)
    if case is not None and kind in CASE_BUILDERS:
        return CASE_BUILDERS[kind](case=case)
    if bundle is not None and kind in BUNDLE_BUILDERS:
        return BUNDLE_BUILDERS[kind](bundle=bundle)
    raise DocumentNotAvailable(f"帳票「{Document.Kind(kind).label}」はこの対象には作成できません。")
