"""Writing 個人番号 and revealing it (searching by it: mynumber_search.py, re-exported here). Every search
and reveal is logged with its purpose; the log never holds the number."""

from collections.abc import Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.common.identifiers.mynumber import mynumber_normalize
from cases.kernel.access import cases_visible_to
from cases.kernel.models import Case
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.registry.mynumber_search import resident_search_by_mynumber as resident_search_by_mynumber
from cases.registry.mynumber_search import use_suspended_refuse
from cases.registry.reveal_limits import RevealRaced, number_use_allowed_or_raise, reveal_serialise
from cases.registry.reveals import (
    RevealNeedsApproval,
    approval_take,
    case_grounds_reveal,
    has_local_case,
    purpose_clean,
    purpose_stated,
    reveal_needs_approval_refuse,
)
from cases.security.audit import audit_record
from cases.security.crypto import mynumber_decrypt, mynumber_encrypt, mynumber_lookup_hash, mynumber_seal_many
from cases.security.models.audit import AuditAction


def mynumber_sealed_fields(*, number: str, atena_no: str) -> dict[str, str]:
    """Column values for a validated number; used by the bulk import path as well."""
    ciphertext, key_id = mynumber_encrypt(number=number, atena_no=atena_no)
    return {"ciphertext": ciphertext, "key_id": key_id, "lookup_hash": mynumber_lookup_hash(number)}


@transaction.atomic
def mynumber_register(*, resident: Resident, number: str) -> MyNumber:
    """Stores (or replaces) a resident's number. Raises ValidationError for a malformed number."""
    normalized = mynumber_normalize(number)
    fields = mynumber_sealed_fields(number=normalized, atena_no=resident.atena_no)
    record, __ = MyNumber.objects.update_or_create(resident=resident, defaults={**fields, "purged_at": None})
    return record


PURGED = "消去済"
NOT_REGISTERED = "未登録"


def mynumber_reveal(
    *, user, resident: Resident, purpose: str, note: str = "", case: Case | None = None, request=None
) -> str:
    """個人番号の表示: only for 個人番号利用事務 staff, for a purpose chosen from RevealPurpose (with a
    note), always logged without the number. Returns the 12 digits, or PURGED / NOT_REGISTERED.

    With a case of this person the user may open, or for a person with a case or intake at the user's
    office — of the 個人番号利用事務, not a 開示・訂正・利用停止請求 (has_local_case) — the number is shown;
    otherwise only with a 係長's approval (cases.registry.reveals), used up by this reveal; a refusal is
    logged. The entry names the basis (_basis_detail). The hourly limit and a suspension stop it
    whatever the purpose.
    """
    if not user.has_perm("cases.use_mynumber"):
        audit_record(
            action=AuditAction.DENIED,
            actor=user,
            request=request,
            resident_id=resident.pk,
            case_id=getattr(case, "pk", None),
            target="mynumber_reveal",
        )
        raise PermissionDenied(_("個人番号の表示は個人番号利用事務の担当者のみ行えます。"))
    if case is not None and (
        case.resident_id != resident.pk or not cases_visible_to(user).filter(pk=case.pk).exists()
    ):
        raise ValidationError({"case": _("この方の案件を選んでください。")})
    purpose, note = purpose_clean(purpose, note)
    use_suspended_refuse(user=user, resident=resident, target="mynumber_reveal", request=request)
    # Outside the transaction below: a suspension and its alert stay even though this reveal fails.
    number_use_allowed_or_raise(user=user, target="mynumber_reveal", resident_id=resident.pk, request=request)
    stated = purpose_stated(purpose, note, case.number if case is not None else "")
    try:
        with transaction.atomic():
            reveal_serialise(user)
            shown, result, basis, approval = _reveal_on_basis(user=user, resident=resident, case=case)
            audit_record(
                action=AuditAction.MYNUMBER_REVEAL,
                actor=user,
                request=request,
                resident_id=resident.pk,
                # Filed under the case it rests on (found at the office when none was chosen), else the one chosen.
                case_id=getattr(basis or case, "pk", None),
                target="mynumber_reveal",
                purpose=stated[:200],
                detail={
                    "result": result,
                    "purpose": purpose,
                    **_basis_detail(user=user, case=case, basis=basis, approval=approval),
                },
            )
    except RevealNeedsApproval:
        # After the rollback, so that the refusal stays in the log (拒否は記録): a clerk trying other
        # offices' residents one after another is seen by the auditor.
        raise reveal_needs_approval_refuse(
            user=user, resident=resident, purpose=stated, case=case, request=request
        ) from None
    except RevealRaced:
        # A reveal that went just before reached the limit (or a suspension came): the check says so,
        # suspends and alerts as for any reveal past the limit.
        number_use_allowed_or_raise(
            user=user, target="mynumber_reveal", resident_id=resident.pk, request=request
        )
        raise
    return shown


def _reveal_on_basis(*, user, resident: Resident, case: Case | None):
    """(shown, result, basis case or None, approval or None), inside the reveal's transaction: the case
    chosen on the form if it grounds a reveal, else one found at the user's office, else a 係長's
    approval (used up here). With none of them, RevealNeedsApproval without a message: the caller logs
    the refusal after the rollback and raises the worded one."""
    approval = None
    basis = case if case is not None and case_grounds_reveal(user=user, case=case) else None
    if basis is None:
        basis = has_local_case(user=user, resident=resident)
    if basis is None:
        approval = approval_take(user=user, resident=resident)
        if approval is None:
            raise RevealNeedsApproval("", code="needs_approval")
    record = MyNumber.objects.filter(resident=resident).first()
    if record is None or (not record.ciphertext and not record.purged_at):
        return NOT_REGISTERED, "not_registered", basis, approval
    if record.purged_at or not record.ciphertext:
        return PURGED, "purged", basis, approval
    shown = mynumber_decrypt(ciphertext=record.ciphertext, atena_no=resident.atena_no)
    return shown, "shown", basis, approval


def _basis_detail(*, user, case: Case | None, basis: Case | None, approval) -> dict:
    """What the reveal rests on, for the access log: "case" (chosen on the form), "local_case" (found by
    has_local_case) or "approval"; the case's id and 整理番号; whether the revealing user received that
    case themself (the auditor's filter 「自分で受け付けた案件を根拠とする個人番号の表示」)."""
    if basis is None:
        how = "approval"
    else:
        how = "case" if case is not None and basis.pk == case.pk else "local_case"
    return {
        "basis": how,
        "case_id": basis.pk if basis else None,
        "case_number": basis.number if basis else "",
        "basis_self_received": basis is not None and basis.received_by_id == user.pk,
        "approval_id": approval.pk if approval else None,
    }


def mynumber_sealed_fields_many(
    pairs: Iterable[tuple[str, str]], *, lookup_hashes: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str]]:
    """(ciphertext, key_id, lookup_hash) for many validated (number, 宛名番号) pairs: the bulk
    import's version of mynumber_sealed_fields, several times cheaper per number. Pass the
    numbers' ``lookup_hashes`` if they were computed already."""
    return mynumber_seal_many(pairs, lookup_hashes=lookup_hashes)
