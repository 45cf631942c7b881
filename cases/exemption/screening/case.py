"""The pre-screen for a case, from the income attachment snapshot (so it matches what was attached)."""

from dataclasses import dataclass

from cases.common.codes import ExemptionKind
from cases.common.identifiers.wareki import age_on
from cases.exemption.models import SpecialGround
from cases.exemption.screening.income import person_income_from_record
from cases.exemption.screening.params import screening_params_for
from cases.exemption.screening.present import KindLine, screening_present
from cases.exemption.screening.rules import PersonIncome, ScreeningInput, screening_evaluate
from cases.kernel.models import Case
from cases.registry.models.income import IncomeRecord


@dataclass(frozen=True)
class CaseScreening:
    lines: tuple[KindLine, ...]
    best_label: str | None
    valid_from_year: int
    tax_year: int
    missing: tuple[str, ...]  # names of tested people with no 住民税 record (未申告)
    undetermined: frozenset[str]  # kinds whose result depends on someone 未申告
    applied: tuple[str, ...]


def _person(snapshot: dict) -> PersonIncome:
    if snapshot["missing"]:
        return PersonIncome(income=0)
    values = {k: v for k, v in snapshot["income"].items() if k != "revised_on"}
    return person_income_from_record(record=IncomeRecord(**values))


def case_screening(case: Case) -> CaseScreening | None:
    """None when the case has no income test (法定免除・産前産後) or no attachment yet."""
    application = case.exemption
    attachment = application.income_attachment
    if not attachment or not attachment.get("income_test"):
        return None
    people = {p["role"]: p for p in attachment["people"]}
    zeroed = frozenset(
        {application.job_loss_person} if application.special_ground == SpecialGround.UNEMPLOYMENT else set()
    )
    data = ScreeningInput(
        applicant=_person(people["applicant"]),
        spouse=_person(people["spouse"]) if "spouse" in people else None,
        householder=_person(people["householder"]) if "householder" in people else None,
        age=age_on(case.resident.birth_date, application.period_start),
        is_student=application.is_student,
        income_zero_roles=zeroed,
        spouse_excluded=application.special_ground == SpecialGround.DOMESTIC_VIOLENCE,
    )
    params = screening_params_for(fiscal_year=application.fiscal_year)
    result = screening_evaluate(data=data, params=params)
    missing_roles = {role for role, p in people.items() if p["missing"] and role not in zeroed}
    undetermined = frozenset(
        kind.kind for kind in result.results if any(check.role in missing_roles for check in kind.checks)
    )
    best = next((k.kind for k in result.results if k.eligible and k.kind not in undetermined), None)
    return CaseScreening(
        lines=screening_present(result=result, params=params),
        best_label=str(ExemptionKind(best).label) if best else None,
        valid_from_year=params.valid_from_year,
        tax_year=attachment["tax_year"],
        missing=tuple(people[role]["name"] for role in sorted(missing_roles)),
        undetermined=undetermined,
        applied=tuple(application.kinds),
    )
