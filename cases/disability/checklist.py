"""The papers a 障害基礎年金 claim needs (rules-disability-qualification.md §2.5, domain.md §2.4), for the
kernel's checklist (cases/kernel/checklist.py keeps their state). Which are required follows the claim:
the 診断書 windows of its kind, the 受診状況等証明書 when another clinic saw the claimant first, the
子の加算 papers when there are children."""

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from cases.disability import rules, texts
from cases.disability.present import WINDOWS
from cases.kernel.checklist import ChecklistEntry

CLAIM_FORM = "claim_form"


def _certificate_entry(code: str, certificate: dict) -> ChecklistEntry:
    """A 診断書 named with its window: kept as a sentence for screens, and in the installation's words
    (和暦) as `label` for 機構's papers — the same sentence worded once (the caller overrides the language)."""
    window = WINDOWS[(certificate["anchor"], certificate["window"])]
    text = texts.CERTIFICATE(
        window=window, first=_date(certificate["first"]), last=_date(certificate["last"])
    )
    return ChecklistEntry(code, text.render(), text=text)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def disability_checklist(case) -> list[ChecklistEntry]:
    # Labels are kept on the case: written in the installation's language, whatever the screen's.
    with translation.override(settings.LANGUAGE_CODE):
        return _entries(case.disability)


def _entries(claim) -> list[ChecklistEntry]:
    entries = [ChecklistEntry(CLAIM_FORM, _("年金請求書 (国民年金障害基礎年金) 様式第107号"))]
    for certificate in claim.assessment.get("certificates", []):
        code = (
            "certificate_recognition" if certificate["anchor"] == "recognition_date" else "certificate_claim"
        )
        entries.append(_certificate_entry(code, certificate))
    if claim.claim_kind == rules.STANDARD:  # 法30条の3: graded on both conditions together
        entries.append(
            ChecklistEntry("certificate_other", _("他の傷病の診断書 (基準障害: 併合して等級を判定)"))
        )
    entries.append(
        ChecklistEntry(
            "first_visit_proof",
            _("受診状況等証明書 (または受診状況等証明書が添付できない申立書と参考資料)"),
            required=claim.certifying_clinic_differs and not claim.congenital,
        )
    )
    entries += [
        ChecklistEntry("medical_history", _("病歴・就労状況等申立書")),
        ChecklistEntry("pension_no", _("基礎年金番号通知書または年金手帳")),
        ChecklistEntry("bank_account", _("受取口座の確認書類 (通帳・キャッシュカードの写し等)")),
        ChecklistEntry("support_benefit", _("年金生活者支援給付金請求書"), required=False),
        ChecklistEntry("family_register", _("戸籍・住民票 (個人番号を記入しない場合)"), required=False),
    ]
    if claim.children:
        entries.append(ChecklistEntry("children", _("子の加算の書類 (戸籍謄本・住民票、子の所得の確認)")))
    return entries
