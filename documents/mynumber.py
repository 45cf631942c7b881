"""個人番号 on paper: printed only where the form needs it, and never stored in plain text.

The snapshot keeps the ciphertext of `cases.MyNumber` (bound to the 宛名番号) and the keyed lookup
hash; the number is decrypted only in memory, at render time, for the PDF.
"""

from cases.kernel.models import Case
from cases.registry.models.pension import MyNumber
from cases.security.crypto import mynumber_decrypt

# Forms that always carry the 個人番号. Every form built so far (免除・納付猶予申請書, 法定免除該当届,
# 産前産後免除届) takes the 個人番号 *or* the 基礎年金番号, so none is listed.
ALWAYS_MYNUMBER_CASE_TYPES: frozenset[str] = frozenset()


class MyNumberUnavailable(Exception):
    """The number a document was snapshotted with is gone (purged or replaced): do not print it."""


def requires_mynumber(case: Case) -> bool:
    if case.case_type in ALWAYS_MYNUMBER_CASE_TYPES:
        return True
    pension = getattr(case.resident, "pension", None)
    return not (pension and pension.basic_pension_no)


def mynumber_snapshot(case: Case) -> dict:
    """What a snapshot keeps: ciphertext and lookup hash, or a note that none is registered."""
    record = (
        MyNumber.objects.filter(resident_id=case.resident_id, purged_at__isnull=True)
        .exclude(ciphertext="")
        .first()
    )
    if record is None:
        return {"registered": False}
    return {
        "registered": True,
        "ciphertext": record.ciphertext,
        "atena_no": case.resident.atena_no,
        "lookup_hash": record.lookup_hash,
    }


def mynumber_digest_view(part: dict) -> dict:
    """The part of the snapshot that decides whether two snapshots are the same document. The
    ciphertext has a fresh nonce each time, so the keyed hash stands in for it."""
    return {key: value for key, value in part.items() if key != "ciphertext"}


def mynumber_display(number: str) -> str:
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def mynumber_for_render(part: dict, *, use_stop_applies: bool = True) -> dict:
    """Decrypts for the PDF, after checking the stored number is still the one snapshotted and, unless
    the document is the person's own 開示 (``use_stop_applies`` False), that its use has not been stopped
    since (利用停止, 個人情報保護法98条: a 届書 snapshotted before would print it)."""
    if not part.get("registered"):
        return {"registered": False}
    # One read answers both: is the number still the one snapshotted, and since when is its use stopped.
    held = list(
        MyNumber.objects.filter(
            resident__atena_no=part["atena_no"], purged_at__isnull=True, lookup_hash=part["lookup_hash"]
        ).values_list("resident__use_suspended_on", flat=True)
    )
    if not held:
        raise MyNumberUnavailable(
            "個人番号が消去または変更されたため、この帳票は作成できません。再作成してください。"
        )
    if use_stop_applies and held[0] is not None:
        raise MyNumberUnavailable(
            "この方の個人番号は利用停止中のため、この帳票は作成できません。再作成すると個人番号を記載せずに作成します。"
        )
    number = mynumber_decrypt(ciphertext=part["ciphertext"], atena_no=part["atena_no"])
    return {"registered": True, "display": mynumber_display(number)}


def mynumber_for_preview(part: dict) -> dict:
    """The preview is on screen, not a number-use reveal: the digits are never shown there."""
    return {"registered": bool(part.get("registered")), "display": "●●●● ●●●● ●●●●", "masked": True}
