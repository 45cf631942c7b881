"""住基への移転: 国民年金資格関係情報 changed since the last transfer, of the people in the PIA's range
(registered 第1号被保険者, 資格喪失者を含む), for the 住民基本台帳 system.

依頼 (clerk) → 承認 / 却下 (a supervisor other than the requester) → 作成 (the file) → download.
Every step is in the access log; the file never holds a 個人番号 (docs/formats/registry_transfer.md).
"""

import datetime as dt
import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.csvsafe import csv_writer
from cases.registry.models.pension import AdditionalPension, Qualification
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.security.scope import offices_act_check, user_acts_for, user_at_main_office
from cases.submission.models import RegistryTransfer
from cases.submission.selectors.transfers import transfer_pensions_in_range
from cases.submission.transfer_document import transfer_document_check, transfer_document_detail
from cases.submission.transfer_file import transfer_file_name, transfer_file_read, transfer_file_write

State = RegistryTransfer.State
LOCK_KEY = 7_331_004  # one transfer is produced at a time, so two never share a "since"
HEADER = [
    "区分",
    "宛名番号",
    "基礎年金番号",
    "被保険者種別",
    "資格取得日",
    "資格取得理由",
    "資格喪失日",
    "資格喪失理由",
    "付加種別",
    "付加加入日",
    "付加脱退日",
    "更新日時",
    # 別添1's 届出日 and 高齢任意加入 (added with the 資格届出 case type; after the first columns, so a
    # reader of the earlier layout still finds its columns in place).
    "資格取得届出日",
    "資格喪失届出日",
    "高齢任意加入",
    "付加加入届出日",
    "付加脱退届出日",
]


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
    once: str = "",
    request: HttpRequest | None = None,
) -> RegistryTransfer:
    """`department`, `request_doc_no`, `request_doc_date`: the 依頼元の担当課 and its 情報処理依頼書, which
    the 係長 checks before approving (PIA III-5). `once`: the form's one-time key. A second submission
    with it raises TransferRepeated (the unique key makes a concurrent one wait for the first to commit,
    then fail). A request while another is open raises TransferOpen."""
    if not by.has_perm("cases.request_transfer"):
        raise PermissionDenied(_("住基への移転を依頼する権限がありません。"))
    reason, department, request_doc_no = reason.strip(), department.strip(), request_doc_no.strip()
    transfer_document_check(reason, department, request_doc_no, request_doc_date)
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
    *, transfer: RegistryTransfer, by: User, approve: bool, request: HttpRequest | None = None
) -> RegistryTransfer:
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
    transfer.state = State.APPROVED if approve else State.REJECTED
    transfer.decided_at, transfer.decided_by = timezone.now(), by
    transfer.save(update_fields=["state", "decided_at", "decided_by"])
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


def _date(value) -> str:
    return value.isoformat() if value else ""


def transfer_rows(*, since) -> list[list[str]]:
    """資格 and 付加 rows changed at or after `since` (every row when None), by 宛名番号, of the people in
    the PIA's range only (transfer_pensions_in_range): "changed since" alone sent 第2号-only and 消除
    people too (privacy walk, 2026-12-06). A person in the range goes with all their 資格関係情報 rows."""
    in_range = transfer_pensions_in_range()
    qualifications = Qualification.objects.select_related("pension__resident").filter(pension__in=in_range)
    additional = AdditionalPension.objects.select_related("pension__resident").filter(pension__in=in_range)
    if since is not None:
        qualifications = qualifications.filter(updated_at__gte=since)
        additional = additional.filter(updated_at__gte=since)
    rows = []
    for q in qualifications:
        pension = q.pension
        rows.append(
            [
                "資格",
                pension.resident.atena_no,
                pension.basic_pension_no or "",
                q.insured_kind,
                _date(q.acquired_on),
                q.acquired_reason,
                _date(q.lost_on),
                q.lost_reason,
                "",
                "",
                "",
                timezone.localtime(q.updated_at).isoformat(timespec="seconds"),
                _date(q.acquired_filed_on),
                _date(q.lost_filed_on),
                "1" if q.elderly_voluntary else "0",
                "",
                "",
            ]
        )
    for a in additional:
        pension = a.pension
        rows.append(
            [
                "付加",
                pension.resident.atena_no,
                pension.basic_pension_no or "",
                *[""] * 5,
                a.kind,
                _date(a.joined_on),
                _date(a.left_on),
                timezone.localtime(a.updated_at).isoformat(timespec="seconds"),
                "",
                "",
                "",
                _date(a.joined_filed_on),
                _date(a.left_filed_on),
            ]
        )
    rows.sort(key=lambda row: (row[1], row[0], row[4] or row[9]))
    return rows


def transfer_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


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
    previous = (
        RegistryTransfer.objects.filter(state=State.PRODUCED)
        .order_by("-produced_at")
        .values_list("produced_at", flat=True)
        .first()
    )
    # Taken before reading: a row changed while the file is being written goes into the next one too.
    produced_at = timezone.now()
    rows = transfer_rows(since=previous)
    plain = transfer_csv(rows)
    digest = hashlib.sha256(plain).hexdigest()
    name = transfer_file_name(transfer_id=transfer.pk, sha256=digest)
    transfer_file_write(name=name, plain=plain, transfer_id=transfer.pk)
    transfer.state, transfer.produced_at, transfer.changes_since = State.PRODUCED, produced_at, previous
    transfer.file, transfer.sha256, transfer.record_count = name, digest, len(rows)
    transfer.save(update_fields=["state", "produced_at", "changes_since", "file", "sha256", "record_count"])
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
