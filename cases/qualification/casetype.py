"""第1号 資格届出 registered with the kernel: its application row, the 機構 form it is filed on (届書種別
31), the papers it needs, what the data file carries and what 機構's 承認 writes."""

from django.utils.translation import gettext_lazy as _

from cases.kernel.casetypes import casetype_register
from cases.kernel.filing import kiko_form
from cases.kernel.models import CaseType
from cases.kernel.typespec import CaseTypeSpec, Intake, ReceiptWording
from cases.qualification.checklist import qualification_checklist
from cases.qualification.models import QualificationFiling
from cases.qualification.results import QUALIFICATION_RESULTS
from cases.qualification.services import (
    qualification_approval_documents,
    qualification_cross_check_ready,
    qualification_input_save,
)

# The kernel's form 31, shared with any type that files on it (its 資格届出レコード: filing_records.py).
FORM = kiko_form("31")


def qualification_filed(filing: QualificationFiling) -> dict:
    """What the data file's 資格届出レコード says of one case (its form's record, cases/kernel/filing_records.py)."""
    return {
        "qualification": {
            "kind": filing.kind,
            "reason": filing.acquired_reason or filing.lost_reason,
            "event_date": filing.event_date,
            "effective_on": filing.effective_on,
            "kind_before": filing.insured_kind_before,
            "kind_after": filing.insured_kind_after,
            "additional_month": filing.additional_month,
            "filed_on": filing.filed_on,
            "deadline_status": filing.deadline_status,
            "route": filing.route,
            "payment_method": filing.payment_method,
        }
    }


def qualification_filing_values(cases) -> dict[int, dict]:
    return {case.pk: qualification_filed(case.qualification) for case in cases}


QUALIFICATION = casetype_register(
    CaseTypeSpec(
        code=CaseType.QUALIFICATION,
        number_use=True,  # 国民年金法の事務: 番号法 別表第一
        label=_("資格届出 (第1号)"),
        person_label=_("届出者"),
        intakes=(
            Intake("intake_qualification", _("資格届出を受け付ける"), order=20),
            Intake(
                "intake_qualification", _("死亡届・資格喪失届"), when="removed", query="kind=death", order=20
            ),
        ),
        application="qualification",
        filing_forms=(FORM,),
        # A filing is recorded by 機構, not examined (則1条の4ほか: 届出); what it mails depends on the filing.
        receipt_wording=ReceiptWording(
            outcome=(
                "届出の内容は日本年金機構で記録されます。基礎年金番号通知書や保険料の納付書が必要な場合は、"
                "日本年金機構から郵送されます。"
            )
        ),
        filing_form=lambda case: FORM,
        filing_values=qualification_filing_values,
        approval_documents=qualification_approval_documents,
        checklist=qualification_checklist,
        input_save=qualification_input_save,
        input_store=qualification_input_save,
        cross_check_ready=qualification_cross_check_ready,
        result=QUALIFICATION_RESULTS,
    )
)
