"""The pre-screen for a case, from the income attachment snapshot (so it matches what was attached),
with the warnings the 照合 and 決裁 screens show (cases/exemption/warnings.py)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.common.codes import ExemptionKind
from cases.common.date_display import fiscal_year_in_text, series_separator
from cases.exemption.disaster import disaster_ground_holds
from cases.exemption.income_attachment import attachment_stale_names, attachment_year_pending
from cases.exemption.models import ExemptionApplication, SpecialGround
from cases.exemption.screening.income import person_income_from_record
from cases.exemption.screening.outlook import screening_outlook
from cases.exemption.screening.params import screening_params_for
from cases.exemption.screening.present import KindLine, screening_present
from cases.exemption.screening.rules import PersonIncome, ScreeningInput, ScreeningResult, screening_evaluate
from cases.exemption.warnings import (
    KindCoverage,
    applied_kinds_warning,
    case_membership,
    kinds_coverage,
    request_warnings,
)
from cases.kernel.models import Case, Stage
from cases.registry.models.income import IncomeRecord


@dataclass(frozen=True)
class CaseScreening:
    lines: tuple[KindLine, ...]
    best_label: str | None
    valid_from_year: int | None
    tax_year: int | None
    missing: tuple[str, ...]  # names of tested people with no 住民税 record (未申告)
    undetermined: frozenset[str]  # kinds whose result depends on someone 未申告
    applied: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    coverage: tuple[KindCoverage, ...] = ()  # the months each applied kind can cover
    not_imported: bool = (
        False  # the 賦課年度 was not imported when attached: `missing` are 未取込, not 未申告
    )
    # Kinds that pass on income but have no 第1号 month on record to cover: 要確認, never 該当見込み.
    unconfirmed: frozenset[str] = frozenset()
    best_months: str = ""  # 「令和8年7月〜令和8年9月分」 when the best kind holds for some months only
    outlook_note: str = ""  # beside the best kind: why it is 要確認, or which months are

    @property
    def income_test(self) -> bool:
        return bool(self.lines)


def _person(snapshot: dict) -> PersonIncome:
    if snapshot["missing"]:
        return PersonIncome(income=0)
    # Snapshots taken before a field existed lack it: the model's default (0) stands in.
    known = {field.name for field in IncomeRecord._meta.concrete_fields}
    values = {k: v for k, v in snapshot["income"].items() if k in known and k != "revised_on"}
    return person_income_from_record(record=IncomeRecord(**values))


def _screening_input(
    case: Case, application: ExemptionApplication, people: dict, kind: str
) -> ScreeningInput:
    zeroed = frozenset(
        {application.job_loss_person} if application.special_ground == SpecialGround.UNEMPLOYMENT else set()
    )
    return ScreeningInput(
        applicant=_person(people["applicant"]),
        spouse=_person(people["spouse"]) if "spouse" in people else None,
        householder=_person(people["householder"]) if "householder" in people else None,
        birth_date=case.resident.birth_date,
        period=(application.period_start, application.period_end or application.period_start),
        is_student=application.is_student,
        insured_kind=kind,
        income_zero_roles=zeroed,
        spouse_excluded=application.special_ground == SpecialGround.DOMESTIC_VIOLENCE,
        public_assistance=application.special_ground == SpecialGround.PUBLIC_ASSISTANCE,
        disaster=disaster_ground_holds(application),
    )


_REVIEWED = frozenset({Stage.CROSS_CHECK, Stage.APPROVAL})


def _stale_warning(names: list[str], tax_year: int) -> str:
    """The 前年所得 of 法90条1項1号・90条の2各項1号 is the city's record of that 賦課年度 as it stands now."""
    return _(
        "%(names)s の%(year)s住民税所得が、添付の後に取り込まれたか更正されています。添付した所得情報と"
        "参考判定は添付時のままです。照合・決裁で入力へ差し戻し、入力を保存し直すと添付し直されます。"
    ) % {"names": series_separator().join(names), "year": fiscal_year_in_text(tax_year)}


def _removed_warning(names: list[str], tax_year: int) -> str:
    """The same 前年所得 (法90条1項1号・90条の2各項1号): a record attached at 入力 and since taken off the city's
    records is not one that was imported or revised."""
    return _(
        "%(names)s の%(year)s住民税所得が、添付の後に市の記録から削除されています。添付した所得情報と"
        "参考判定は添付時のままです。照合・決裁で入力へ差し戻し、入力を保存し直すと添付し直されます。"
    ) % {"names": series_separator().join(names), "year": fiscal_year_in_text(tax_year)}


def _pending_warning(tax_year: int) -> str:
    """法90条1項1号・90条の3第1項1号 (前年の所得): the city holds no record of that 賦課年度 yet (住民税 is assessed
    in June), so the people without one are 未取込, not 未申告."""
    return _(
        "%(year)s住民税所得情報は市にまだ取り込まれていません (未取込)。記録のない方の所得は判定できません。"
        "取込の後、照合・決裁で入力へ差し戻し、入力を保存し直すと添付し直されます。"
    ) % {"year": fiscal_year_in_text(tax_year)}


def _attachment_warnings(application: ExemptionApplication) -> list[str]:
    """Only while the case can still be sent back to 入力: after 決裁 the attachment is what was sent."""
    attachment = application.income_attachment
    stale, removed = attachment_stale_names(application)
    if not stale and attachment_year_pending(attachment):
        if not IncomeRecord.objects.filter(tax_year=attachment["tax_year"]).exists():
            return [_pending_warning(attachment["tax_year"])]
        # Imported since, with no record of these people: 未申告 now, not what the attachment says.
        stale = [person["name"] for person in attachment["people"] if person["missing"]]
    warnings = [_stale_warning(stale, attachment["tax_year"])] if stale else []
    return warnings + ([_removed_warning(removed, attachment["tax_year"])] if removed else [])


def _undetermined(result: ScreeningResult, missing_roles: frozenset[str]) -> frozenset[str]:
    """Kinds that depend on someone 未申告: those every person whose income is known passes. A kind a
    known person fails is decided (法90条1項ただし書, 90条の2各項ただし書, 平成16年法律第104号附則19条2項・
    平成26年法律第64号附則14条1項 ただし書: any tested person failing fails the application), whatever the
    unknown income is."""
    return frozenset(
        kind.kind
        for kind in result.results
        if any(check.role in missing_roles for check in kind.checks)
        and all(check.passed for check in kind.checks if check.role not in missing_roles)
    )


def case_screening(case: Case) -> CaseScreening | None:
    """None when the case is not an exemption case. Without an income test (法定免除・産前産後) or
    before the attachment, `lines` is empty and only the warnings and months are given."""
    application = getattr(case, "exemption", None)
    if application is None:
        return None
    membership = case_membership(case)
    attachment = application.income_attachment
    result: ScreeningResult | None = None
    params = None
    if attachment and attachment.get("income_test"):
        people = {p["role"]: p for p in attachment["people"]}
        params = screening_params_for(fiscal_year=application.fiscal_year)
        data = _screening_input(case, application, people, membership.insured_kind)
        result = screening_evaluate(data=data, params=params)
    coverage = kinds_coverage(
        application=application, birth_date=case.resident.birth_date, membership=membership, result=result
    )
    warnings = request_warnings(application=application, membership=membership, coverage=coverage)
    if result is None or params is None:
        return CaseScreening(
            lines=(),
            best_label=None,
            valid_from_year=None,
            tax_year=None,
            missing=(),
            undetermined=frozenset(),
            applied=tuple(application.kinds),
            warnings=tuple(warnings),
            coverage=coverage,
        )
    zeroed = (
        {application.job_loss_person} if application.special_ground == SpecialGround.UNEMPLOYMENT else set()
    )
    # Under 法90条1項2号 or the 災害 ground nobody's income is compared: nobody is 未申告 for this screen.
    untested = data.public_assistance or data.disaster
    missing_roles = frozenset(
        role for role, p in people.items() if p["missing"] and role not in zeroed and not untested
    )
    undetermined = _undetermined(result, missing_roles)
    outlook = screening_outlook(
        result,
        screening_present(
            result=result,
            params=params,
            period_last=application.period_end,
            by_birth_date=True,
            missing_roles=missing_roles,
            not_imported=attachment_year_pending(attachment),
        ),
        membership,
        undetermined,
        birth_date=case.resident.birth_date,
    )
    best = outlook.best
    applied_warning = applied_kinds_warning(
        applied=tuple(application.kinds),
        lines=outlook.lines,
        undetermined=undetermined,
        best=best,
        unconfirmed=outlook.unconfirmed,
        best_months=outlook.best_months,
    )
    if case.stage in _REVIEWED:
        warnings[:0] = _attachment_warnings(application)
    return CaseScreening(
        lines=outlook.lines,
        best_label=str(ExemptionKind(best).label) if best else None,
        valid_from_year=params.valid_from_year,
        tax_year=attachment["tax_year"],
        missing=tuple(people[role]["name"] for role in sorted(missing_roles)),
        undetermined=undetermined,
        not_imported=attachment_year_pending(attachment),
        applied=tuple(application.kinds),
        warnings=tuple([applied_warning, *warnings] if applied_warning else warnings),
        coverage=coverage,
        unconfirmed=outlook.unconfirmed,
        best_months=outlook.best_months,
        outlook_note=outlook.note,
    )
