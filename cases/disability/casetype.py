"""障害基礎年金の請求 (年金請求書 様式第107号) registered with the kernel: its claim row, the one 機構
form it is filed on (届書種別 21), its papers, its documents and how 機構's answer applies."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.disability.checklist import disability_checklist
from cases.disability.results import DISABILITY_RESULTS
from cases.disability.services import (
    disability_approval_documents,
    disability_cross_check_ready,
    disability_has_receipt,
    disability_input_save,
    disability_input_store,
    disability_other_documents,
)
from cases.kernel.casetypes import casetype_register
from cases.kernel.filing import kiko_form
from cases.kernel.models import CaseType
from cases.kernel.typespec import CaseTypeSpec, Intake

CLAIM = kiko_form("21")  # the 送付票 is its 届書: the claim's papers go as paper originals
# 請求の種類 in the data file (docs/formats/submission.md 3.4)
KIND_CODES = {
    "recognition": "01",
    "post_onset": "02",
    "pre20_recognition": "03",
    "pre20_post_onset": "04",
    "standard": "05",  # 基準障害 (法30条の3)
}


def disability_filing_values(cases) -> dict[int, dict]:
    """What the data file says of each claim besides the person (read with `disability`)."""
    return {
        case.pk: {
            "first_visit": case.disability.first_visit_on,
            "recognition_date": case.disability.recognition_on,
            "claim_kind": KIND_CODES.get(case.disability.claim_kind, ""),
            "originals_separate": True,
        }
        for case in cases
    }


DISABILITY = casetype_register(
    CaseTypeSpec(
        code=CaseType.DISABILITY,
        number_use=True,  # 国民年金法の事務: 番号法 別表第一
        label=_("障害基礎年金 請求"),
        # The claim's 請求者 (Claimant), not the 請求者 of a disclosure request (Requester).
        person_label=pgettext_lazy("障害基礎年金", "請求者"),
        intakes=(Intake("intake_disability", _("障害基礎年金の請求を受け付ける"), order=30),),
        application="disability",
        filing_forms=(CLAIM,),
        filing_form=lambda case: CLAIM,
        filing_values=disability_filing_values,
        receipt=disability_has_receipt,
        approval_documents=disability_approval_documents,
        other_documents=disability_other_documents,
        document_labels={"filing": _("送付票")},
        checklist=disability_checklist,
        input_save=disability_input_save,
        input_store=disability_input_store,
        cross_check_ready=disability_cross_check_ready,
        result=DISABILITY_RESULTS,
        decision_labels={"approved": _("支給決定"), "rejected": _("不支給")},
    )
)
