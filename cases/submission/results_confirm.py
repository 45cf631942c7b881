"""処理結果一覧表 in two steps (issue 11 H1): a layer in front of cases.submission.results.

1. A 係長 uploads the file: every line is read and matched, lines about cases outside the uploader's
   office are refused with their line number, and the raw file is kept sealed with its SHA-256
   (result_upload_store.py). The upload waits (ResultUpload, PENDING) with the match kept: per line its
   case and what applying would change (cases.submission.result_upload_check). Nothing else changes.
2. A second 係長 (never the uploader) of the uploader's office (or the 本庁's) confirms what the page
   showed: their own offices are checked against the kept cases, the sealed file is read back and
   checked against its SHA-256, and `results_import` applies it as before, refusing if a case is no
   longer where the kept match found it. The access log names both people. That 係長 may instead
   reject it, saying why; the uploader may withdraw their own (a mistaken file). Any 係長 of the office
   may match the file again (再照合, recorded) after cases moved. Another office's 係長 does none of
   these: they are refused (PermissionDenied; result_upload_access.py).
"""

import hashlib
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.registry.imports.errors import ImportRejected
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.sealed_files import media_path, sealed_file_write
from cases.submission.result_upload_access import PERMISSION as PERMISSION  # re-exported for the views
from cases.submission.result_upload_access import _pending, _require
from cases.submission.result_upload_access import result_upload_scope_check as result_upload_scope_check
from cases.submission.result_upload_check import (
    ResultUploadChanged,
    ResultUploadError,
    ResultUploadMoved,
    ResultUploadUnchecked,
    check_keep,
    kept_scope_errors,
    lines_changed,
    matching_moved,
    upload_checked,
    upload_moved,
)
from cases.submission.result_upload_preview import (
    preview_if_imported,
    preview_mark,
    preview_mark_changed,
    result_import_earlier,
)
from cases.submission.result_upload_store import MAGIC as MAGIC  # re-exported for the sealed store
from cases.submission.result_upload_store import SUBDIR, _aad, result_upload_file
from cases.submission.result_upload_store import result_upload_reseal as result_upload_reseal
from cases.submission.result_uploads import ResultUpload
from cases.submission.results import results_import, results_lock
from cases.submission.results_match import Matching


def _shown_check(preview: list[dict], shown: str) -> None:
    """The 係長's 反映する is of the page they read (exploratory test: applied from a page gone stale, a
    line went to 突合の不一致 that page never showed; now: another 係長 checked the file again since).
    A POST without the mark is refused the same way."""
    if shown == preview_mark(preview):
        return
    changed = preview_mark_changed(preview, shown) or [entry["line"] for entry in preview]
    raise ResultUploadChanged(
        _("確認した後に反映内容が変わりました (%(count)s行)。下の内容を確かめて、もう一度反映してください。")
        % {"count": len(changed)},
        lines=preview,
        changed=changed,
    )


def result_upload_stage(*, filename: str, data: bytes, by: User, request=None) -> ResultUpload:
    """Step 1. Raises ImportRejected (bad lines, or lines outside the uploader's offices); changes
    nothing then."""
    _require(by)
    rows, preview = upload_checked(by, data)
    digest = hashlib.sha256(data).hexdigest()
    stored = f"{SUBDIR}/{uuid.uuid4().hex}.csv.sealed"
    sealed_file_write(name=stored, magic=MAGIC, plain=data, aad=_aad(digest))
    try:
        with transaction.atomic():
            upload = ResultUpload(
                filename=filename[:255], sha256=digest, stored=stored, line_count=len(rows), uploaded_by=by
            )
            check_keep(upload, preview, by)
            upload.save()
            audit_record(
                action=AuditAction.IMPORT,
                actor=by,
                request=request,
                target=f"result_upload:{upload.pk}",
                purpose="処理結果一覧表の取込 (確認待ち)",
                detail={
                    "filename": upload.filename,
                    "sha256": digest,
                    "lines": len(rows),
                    "event": "staged",
                    "matched": upload.matched_count,
                    "queued": upload.queued_count,
                },
            )
    except BaseException:
        media_path(stored).unlink(missing_ok=True)  # no row, no evidence file left behind
        raise
    return upload


def _kept_check(upload: ResultUpload, by: User, shown: str | None) -> tuple[list[dict], bool]:
    """Before applying, under the upload's and the import's locks: the confirmer's offices, the page
    they confirmed, and the cases still where the kept match found them. (preview to keep, imported
    already): the very file imported already changes nothing and is not verified."""
    if upload.checked_at is None:
        raise ResultUploadUnchecked()
    errors = kept_scope_errors(by, upload)
    if errors:
        raise ImportRejected(errors)
    earlier = result_import_earlier(upload.sha256)
    preview = preview_if_imported(upload.preview, upload.sha256, earlier)
    if shown is not None:
        _shown_check(preview, shown)
    imported = earlier is not None
    moved = [] if imported else upload_moved(upload)
    if moved:
        raise ResultUploadMoved(moved)
    return preview, imported


def result_upload_apply(*, upload: ResultUpload, by: User, request=None, shown: str | None = None):
    """Step 2, by a second 係長: the existing import applies the sealed file, as the kept match says.
    ``shown``: the confirm page's preview_mark of what it showed (None from a command, which shows
    nothing); raises ResultUploadChanged when the kept match is not the one shown, ResultUploadMoved
    when a case moved since it was kept — applying nothing (all or nothing, as the import is)."""
    with transaction.atomic():
        locked = _pending(upload, by)
        if locked.uploaded_by_id == by.pk:  # four eyes
            raise PermissionDenied(_("取り込んだ本人は反映できません。別の係長が内容を確認して反映します。"))
        results_lock()  # nothing else applied between the checks here and the import
        data = result_upload_file(locked)
        preview, imported = _kept_check(locked, by, shown)

        def still_holds(matching: Matching) -> None:
            # The cheap look above reads stages; the import's matching (its cases locked) sees the rest,
            # e.g. a second case of the same 基礎年金番号 sent since.
            moved = matching_moved(locked.preview, matching)
            if moved:
                raise ResultUploadMoved(moved)

        result = results_import(
            filename=locked.filename,
            data=data,
            by=by,
            request=request,
            check=None if imported else still_holds,
        )
        locked.preview = preview  # what applying did: the kept match, or 変更なし for a file imported before
        locked.state, locked.decided_by, locked.decided_at = ResultUpload.State.APPLIED, by, timezone.now()
        locked.result_import = result
        locked.save(update_fields=["state", "decided_by", "decided_at", "result_import", "preview"])
        audit_record(
            action=AuditAction.IMPORT,
            actor=by,
            request=request,
            target=f"result_upload:{locked.pk}",
            purpose="処理結果一覧表の反映 (二人目の確認)",
            detail={
                "event": "applied",
                "uploaded_by": locked.uploaded_by.username,
                "confirmed_by": by.username,
                "sha256": locked.sha256,
                "result_import_id": result.pk,
                "already_imported": result.already_imported,
            },
        )
    return result


def result_upload_recheck(*, upload: ResultUpload, by: User, request=None) -> tuple[ResultUpload, list[int]]:
    """再照合: the file matched again against the cases as they are, replacing the kept match (the
    uploader or another 係長 of the office; the one who applies still confirms what it shows). Raises
    ImportRejected, keeping the match as it was, when lines are now about cases outside `by`'s offices.
    Returns the upload and the lines whose case or outcome changed."""
    with transaction.atomic():
        locked = _pending(upload, by)
        results_lock()  # not matched halfway through another upload's apply
        _rows, preview = upload_checked(by, result_upload_file(locked))
        changed = lines_changed(locked.preview, preview)
        locked.save(update_fields=check_keep(locked, preview, by))
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            request=request,
            target=f"result_upload:{locked.pk}",
            purpose="処理結果一覧表の再照合",
            detail={
                "event": "rechecked",
                "changed_lines": changed[:100],
                "changed": len(changed),
                "matched": locked.matched_count,
                "queued": locked.queued_count,
            },
        )
    return locked, changed


def result_upload_reject(*, upload: ResultUpload, by: User, reason: str = "", request=None) -> ResultUpload:
    """Another 係長 of the office rejects the upload, saying why; the uploader's own rejection is a
    withdrawal (they noticed a wrong file), recorded as 取り下げ, the reason optional."""
    reason = reason.strip()
    with transaction.atomic():
        locked = _pending(upload, by)
        own = locked.uploaded_by_id == by.pk
        if not own and not reason:
            raise ResultUploadError(_("却下の理由を入力してください。"))
        locked.state = ResultUpload.State.WITHDRAWN if own else ResultUpload.State.REJECTED
        locked.decided_by, locked.decided_at, locked.decision_reason = by, timezone.now(), reason[:200]
        locked.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            request=request,
            target=f"result_upload:{locked.pk}",
            purpose="処理結果一覧表の取り下げ" if own else "処理結果一覧表の却下",
            detail={
                "event": "withdrawn" if own else "rejected",
                "uploaded_by": locked.uploaded_by.username,
                "reason": reason[:200],
            },
        )
    return locked
