"""住基への移転: 国民年金資格関係情報 changed since the last transfer, of the people in the PIA's range
(registered 第1号被保険者, 資格喪失者を含む), for the 住民基本台帳 system.

依頼 (clerk) → 承認 / 却下 (a supervisor other than the requester) → 作成 (the file) → download.
Every step is in the access log; the file never holds a 個人番号 (docs/formats/registry_transfer.md).
"""

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.scope import offices_act_check, user_acts_for, user_at_main_office
from cases.submission.models import RegistryTransfer
from cases.submission.transfer_columns import transfer_columns_pick, transfer_columns_since
from cases.submission.transfer_document import (
    transfer_document_check,
    transfer_document_detail,
    transfer_rejection_check,
)
from cases.submission.transfer_file import transfer_file_name, transfer_file_read, transfer_file_write
from cases.submission.transfer_rows import transfer_csv, transfer_rows

State = RegistryTransfer.State
LOCK_KEY = 7_331_004  # one transfer is produced at a time, so two never share a "since"


def _audit(transfer: RegistryTransfer, by: User, action: str, purpose: str, request=None, **detail) -> None:
    audit_record(
        action=action,
        actor=by,
        request=request,
        target=f"transfer:{transfer.pk}",
        purpose=purpose,
        detail={"state": transfer.state, **transfer_document_detail(transfer), **detail},
    )


def _locked(transfer: RegistryTransfer) -> RegistryTransfer:
    return RegistryTransfer.objects.select_for_update().get(pk=transfer.pk)


class TransferRepeated(Exception):
    """The same request form came again: `transfer` is the request its first submission made."""

    def __init__(self, transfer: RegistryTransfer):
        super().__init__(transfer.pk)
        self.transfer = transfer


class TransferOpen(Exception):
    """A request is still open (依頼 or 承認): it will hold every change up to when it is made, so a
    second one would only come out as an empty file. `transfer` is the open one."""

    def __init__(self, transfer: RegistryTransfer):
        super().__init__(transfer.pk)
        self.transfer = transfer


def transfer_request(
    *,
    by: User,
    reason: str,
    department: str,
    request_doc_no: str,
    request_doc_date: dt.date | None,
    columns: Iterable[str],
    once: str = "",
    request: HttpRequest | None = None,
) -> RegistryTransfer:
    """`department`, `request_doc_no`, `request_doc_date`: the 依頼元の担当課 and its 情報処理依頼書, which
    the 係長 checks before approving (PIA III-5). `columns`: the columns the 依頼書 asks for (no default:
    every request says what it provides; cases/submission/transfer_columns.py). `once`: the form's
    one-time key. A second submission with it raises TransferRepeated (the unique key makes a concurrent
    one wait for the first to commit, then fail). A request while another is open raises TransferOpen."""
    if not by.has_perm("cases.request_transfer"):
        raise PermissionDenied(_("住基への移転を依頼する権限がありません。"))
    reason, department, request_doc_no = reason.strip(), department.strip(), request_doc_no.strip()
    columns = transfer_document_check(reason, department, request_doc_no, request_doc_date, columns)
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # The producer's lock: two requests at once see each other, and none slips in between
                # the check below and a transfer being made.
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            if once and (first := RegistryTransfer.objects.filter(request_key=once).first()):
                raise TransferRepeated(first)
            open_one = RegistryTransfer.objects.filter(state__in=[State.REQUESTED, State.APPROVED]).first()
            if open_one is not None:
                raise TransferOpen(open_one)
            transfer = RegistryTransfer.objects.create(
                reason=reason[:200],
                requesting_department=department[:60],
                request_doc_no=request_doc_no[:40],
                request_doc_date=request_doc_date,
                columns=columns,
                requested_by=by,
                request_key=once or None,
            )
            _audit(transfer, by, AuditAction.CHANGE, purpose="住基への移転の依頼", request=request)
    except IntegrityError:
        first = RegistryTransfer.objects.filter(request_key=once).first() if once else None
        if first is None:
            raise
        raise TransferRepeated(first) from None
    return transfer


@transaction.atomic
def transfer_decide(
    *,
    transfer: RegistryTransfer,
    by: User,
    approve: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> RegistryTransfer:
    """`reason`: why it is rejected, required then (kept, shown to the requester, logged); an approval
    keeps none."""
    if not by.has_perm("cases.approve_transfer"):
        raise PermissionDenied(_("住基への移転を承認する権限がありません。"))
    offices_act_check(by, transfer.requested_by.office_id)  # a request of the approver's office
    transfer = _locked(transfer)
    if transfer.requested_by_id == by.pk:
        raise PermissionDenied(_("依頼者は自分の依頼を承認・却下できません。"))
    if transfer.state != State.REQUESTED:
        raise ValidationError(
            _("この移転は「%(state)s」のため承認・却下できません。") % {"state": transfer.get_state_display()}
        )
    transfer.rejection_reason = "" if approve else transfer_rejection_check(reason)
    transfer.state = State.APPROVED if approve else State.REJECTED
    transfer.decided_at, transfer.decided_by = timezone.now(), by
    transfer.save(update_fields=["state", "decided_at", "decided_by", "rejection_reason"])
    decided = "住基への移転の承認" if approve else "住基への移転の却下"
    _audit(transfer, by, AuditAction.CHANGE, purpose=decided, request=request)
    return transfer


def transfer_may_decide(user: User, transfer: RegistryTransfer) -> bool:
    """A 係長 decides their own office's requests (the 本庁's: every office's), never their own."""
    return (
        user.has_perm("cases.approve_transfer")
        and transfer.requested_by_id != user.pk
        and user_acts_for(user, transfer.requested_by.office_id)
    )


def transfer_may_produce(user: User) -> bool:
    # The file holds the whole city's 資格 rows: it is made and taken at the 本庁 (decisions §17).
    may = user.has_perm("cases.request_transfer") or user.has_perm("cases.approve_transfer")
    return may and user_at_main_office(user)


@transaction.atomic
def transfer_produce(
    *, transfer: RegistryTransfer, by: User, request: HttpRequest | None = None
) -> RegistryTransfer:
    if not transfer_may_produce(by):
        raise PermissionDenied(_("住基への移転ファイルを作成する権限がありません。"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    transfer = _locked(transfer)
    if transfer.state != State.APPROVED:
        raise ValidationError(
            _("承認されていない移転は作成できません (現在: %(state)s)。")
            % {"state": transfer.get_state_display()}
        )
    # Per column, since the last file that carried it (a narrowed file left the others out).
    previous = transfer_columns_since(transfer.columns)
    # Taken before reading: a row changed while the file is being written goes into the next one too.
    produced_at = timezone.now()
    rows = transfer_columns_pick(transfer_rows(since=previous), transfer.columns)
    plain = transfer_csv(rows, header=transfer.columns)
    digest = hashlib.sha256(plain).hexdigest()
    name = transfer_file_name(transfer_id=transfer.pk, sha256=digest)
    transfer_file_write(name=name, plain=plain, transfer_id=transfer.pk)
    transfer.state, transfer.produced_at, transfer.changes_since = State.PRODUCED, produced_at, previous
    transfer.file, transfer.sha256, transfer.record_count = name, digest, len(rows)
    transfer.produced_by = by
    transfer.save(
        update_fields=[
            "state",
            "produced_at",
            "produced_by",
            "changes_since",
            "file",
            "sha256",
            "record_count",
        ]
    )
    _audit(
        transfer,
        by,
        AuditAction.EXPORT,
        purpose="住基への移転ファイルの作成",
        request=request,
        record_count=len(rows),
        sha256=digest,
        changes_since=previous.isoformat() if previous else None,
    )
    return transfer


def transfer_download(*, transfer: RegistryTransfer, by: User, request: HttpRequest | None = None) -> bytes:
    """The file as produced (checked against its SHA-256); each download is in the access log."""
    if not transfer_may_produce(by):
        raise PermissionDenied(_("住基への移転ファイルをダウンロードする権限がありません。"))
    if transfer.state != State.PRODUCED:
        raise ValidationError(_("この移転のファイルはまだ作成されていません。"))
    plain = transfer_file_read(name=transfer.file, transfer_id=transfer.pk)
    if hashlib.sha256(plain).hexdigest() != transfer.sha256:
        raise ValidationError(_("移転ファイルが作成時と一致しません。"))
    _audit(
        transfer,
        by,
        AuditAction.EXPORT,
        purpose="住基への移転ファイルのダウンロード",
        request=request,
        sha256=transfer.sha256,
    )
    return plain
