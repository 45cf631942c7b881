"""What a 届書 says, as entered at the counter (the declared values, not the 住民記録's).

Each case type that prints a 届書 registers the builder of its content here (`FILING_CONTENT`); the
template comes from the type's filing form (cases/kernel/filing.py)."""

from cases.common.codes import ExemptionKind, sex_label
from cases.common.dates import add_months, months_between
from cases.common.identifiers.pension_no import pension_no_display
from cases.exemption.deferral import deferral_cut
from cases.exemption.models import (
    DisasterDamage,
    DisasterEvidence,
    JobLossEvidence,
    PersonRole,
    SpecialGround,
)
from cases.kernel.casetypes import casetype_label
from cases.kernel.models import Case, CaseType


def iso(value) -> str | None:
    return value.isoformat() if value else None


def kinds_of(application) -> list[dict]:
    return [{"code": kind, "label": str(ExemptionKind(kind).label)} for kind in application.kinds]


def counter_part(case: Case) -> dict:
    """The 代理人 who came to the counter (cases.kernel CounterRecord), if any."""
    counter = getattr(case, "counter", None)
    if counter is None:
        return {"name": "", "relationship": "", "power_of_attorney": False}
    return {
        "name": counter.agent_name,
        "relationship": counter.agent_relationship,
        "power_of_attorney": counter.power_of_attorney,
    }


def counter_documents(case: Case) -> list[str]:
    counter = getattr(case, "counter", None)
    return counter.identity_document_labels if counter else []


def _person(role: str, resident) -> dict:
    return {
        "role": str(PersonRole(role).label),
        "name": resident.kanji_name,
        "kana": resident.kana_name,
        "birth_date": iso(resident.birth_date),
        "atena_no": resident.atena_no,
    }


def _deferral(case: Case) -> dict:
    """平成26年法律第64号附則14条1項: 納付猶予 covers the months up to the one before the 50歳 month. When that
    cut falls inside the months applied for, the 届書 prints the months it can cover beside them, as the
    入力・照合 screens show them (cases/exemption/warnings.py kinds_coverage); otherwise nothing, so every
    other 届書's snapshot, and its hash, stays as it was. (令和12年6月, the other bound, of this article and of
    平成16年法律第104号附則19条2項 for the months before the 30歳 month, ends a 免除年度 and never falls inside
    the months of one application.)"""
    app = case.exemption
    last = deferral_cut(application=app, birth_date=case.resident.birth_date)
    if last is None:
        return {}
    months = months_between(app.period_start, last) if last >= app.period_start else 0
    return {
        "deferral": {
            "last_month": iso(last),
            "months": months,
            "excluded_from": iso(max(add_months(last, 1), app.period_start)),
        }
    }


def exemption_filing(case: Case) -> dict:
    """The 免除・納付猶予申請書 (or 届) as entered: declared applicant, request, household, agent."""
    app = case.exemption
    resident = case.resident
    pension = getattr(resident, "pension", None)
    household = [_person(PersonRole.SPOUSE, app.spouse)] if app.spouse else []
    if app.householder:
        household.append(_person(PersonRole.HOUSEHOLDER, app.householder))
    ground = app.special_ground
    return {
        "applicant": {
            "kana": app.declared_kana_name or resident.kana_name,
            "name": app.declared_kanji_name or resident.kanji_name,
            "birth_date": iso(app.declared_birth_date or resident.birth_date),
            "address": app.declared_address or resident.address,
            "sex": sex_label(resident.sex),
            "atena_no": resident.atena_no,
            "phone": pension.phone if pension else "",
        },
        "basic_pension_no": pension_no_display(pension.basic_pension_no if pension else ""),
        "fiscal_year": app.fiscal_year,
        "kinds": kinds_of(app),
        "period_start": iso(app.period_start),
        "period_end": iso(app.period_end),
        "months": months_between(app.period_start, app.period_end) if app.period_end else None,
        "student": {
            "is_student": app.is_student,
            "school_name": app.school_name,
            "graduation_month": iso(app.graduation_month),
        },
        "special_ground": {
            "code": ground,
            "label": str(SpecialGround(ground).label) if ground else "",
            "job_loss_person": str(PersonRole(app.job_loss_person).label) if app.job_loss_person else "",
            "job_loss_date": iso(app.job_loss_date),
            "job_loss_evidence": (
                str(JobLossEvidence(app.job_loss_evidence).label) if app.job_loss_evidence else ""
            ),
            # 則77条の7第1号: the 災害 facts, beside the 失業等 ones. Snapshots made before them lack the keys.
            "disaster_date": iso(app.disaster_date),
            "disaster_damage": str(DisasterDamage(app.disaster_damage).label) if app.disaster_date else "",
            "disaster_evidence": (
                str(DisasterEvidence(app.disaster_evidence).label) if app.disaster_evidence else ""
            ),
        },
        "agent": counter_part(case),
        "statutory": {
            "ground": str(app.get_statutory_ground_display()) if app.statutory_ground else "",
            "since": iso(app.statutory_since),
        },
        "maternity": {
            "expected_birth_date": iso(app.expected_birth_date),
            "actual_birth_date": iso(app.actual_birth_date),
            "multiple_birth": app.multiple_birth,
        },
        "household": household,
        # 則77条3項・77条の5第3項: the 申出 printed on the form. Snapshots made before it lack the key.
        "continuation": app.continuation,
        "identity_documents": counter_documents(case),
        "remarks": app.remarks,
        **_deferral(case),
    }


def exemption_summary(case: Case) -> dict:
    app = case.exemption
    return {"kinds": kinds_of(app), "fiscal_year": app.fiscal_year}


# case type → (the 届書's content, what the 受付票 and lists say was applied for)
FILING_CONTENT = {CaseType.EXEMPTION: exemption_filing}
SUMMARIES = {CaseType.EXEMPTION: exemption_summary}
# Types whose 届書 never prints the 個人番号 (not even without a 基礎年金番号): documents/mynumber.py
FILING_WITHOUT_MYNUMBER: set[str] = set()


def filing_content_register(case_type: str, *, content=None, summary=None, mynumber: bool = True) -> None:
    if content is not None:
        FILING_CONTENT[case_type] = content
    if summary is not None:
        SUMMARIES[case_type] = summary
    if not mynumber:
        FILING_WITHOUT_MYNUMBER.add(case_type)


def case_summary(case: Case) -> dict:
    """What the 受付票 and the 送付一覧表 say was applied for. A type that registers no summary (no
    documents/<code>.py) is named by its label: the 受付票 handed over says what was received
    (docs/architecture.md, "Adding a case type" step 6)."""
    builder = SUMMARIES.get(case.case_type)
    if builder:
        return builder(case)
    return {"kinds": [{"code": case.case_type, "label": casetype_label(case.case_type)}], "fiscal_year": None}
