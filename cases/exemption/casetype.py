"""免除・納付猶予申請 registered with the kernel: its application row, the four 機構 forms it is filed on,
its documents and what 決裁 and 機構's result write."""

from django.utils.translation import gettext_lazy as _

from cases.common.codes import ExemptionKind
from cases.exemption.periods import ApplicationYear, application_year_show
from cases.exemption.results import EXEMPTION_RESULTS
from cases.exemption.services import (
    exemption_approval_documents,
    exemption_approved,
    exemption_cross_check_ready,
    exemption_input_save,
)
from cases.kernel.casetypes import casetype_register
from cases.kernel.filing import FilingForm, kiko_form
from cases.kernel.models import CaseType
from cases.kernel.typespec import CaseTypeSpec, Intake, SameApplication
from cases.registry.models.pension import Exemption

# 機構's forms (the kernel's, cases/kernel/filing.py): the application, 学生納付特例, 法定免除 and 産前産後.
APPLICATION, STUDENT, STATUTORY, MATERNITY = (kiko_form(code) for code in ("11", "12", "13", "14"))


def exemption_filed(application, record: Exemption | None) -> dict:
    """What the data file says of one case: the kinds in order of preference, the 申請年度, and the
    reason and months of the 免除情報 recorded at approval (the months applied for when none)."""
    filed = {"kinds": list(application.kinds), "fiscal_year": application.fiscal_year}
    if record is not None:
        filed.update(reason=record.reason, period_start=record.start_on, period_end=record.end_on)
    else:
        filed["period_start"] = application.period_start
    return filed


def exemption_filing_values(cases) -> dict[int, dict]:
    records = {
        record.reference_no: record
        for record in Exemption.objects.filter(reference_no__in=[case.number for case in cases])
    }
    return {case.pk: exemption_filed(case.exemption, records.get(case.number)) for case in cases}


def exemption_filing_form(case) -> FilingForm:
    """The form follows the kinds applied for: a 届出 (法定・産前産後) is its own form; a student applies
    for 学生納付特例 alone (cases/exemption/request_checks.py refuses any other mix)."""
    kinds = list(case.exemption.kinds)
    if kinds == [ExemptionKind.STATUTORY]:
        return STATUTORY
    if kinds == [ExemptionKind.MATERNITY]:
        return MATERNITY
    if kinds == [ExemptionKind.STUDENT]:
        return STUDENT
    return APPLICATION


EXEMPTION = casetype_register(
    CaseTypeSpec(
        code=CaseType.EXEMPTION,
        number_use=True,  # 国民年金法の事務: 番号法 別表第一
        label=_("免除・納付猶予申請"),
        intakes=(Intake("intake_exemption", _("免除申請を受け付ける"), order=10),),
        application="exemption",
        related=("exemption__spouse", "exemption__householder"),
        filing_forms=(APPLICATION, STUDENT, STATUTORY, MATERNITY),
        filing_form=exemption_filing_form,
        filing_values=exemption_filing_values,
        approval_documents=exemption_approval_documents,
        input_save=exemption_input_save,
        cross_check_ready=exemption_cross_check_ready,
        approved=exemption_approved,
        result=EXEMPTION_RESULTS,
        # 則77条1項・77条の4: an application is for one 申請年度; this year's and a past year's (法102条4項: 2
        # years back) are applied for together, each its own case, and are no double intake of each other.
        # A 学生年度 (April–March, 則77条の4第1項: 法90条の3) is not the 免除年度 of the same number (July–June,
        # 則77条1項), so the key says which (the intake's key: request_application_year,
        # cases/exemption/applicant.py).
        same_application=SameApplication(
            key=lambda case: ApplicationYear(case.exemption.is_student, case.exemption.fiscal_year),
            label=application_year_show,
        ),
    )
)
