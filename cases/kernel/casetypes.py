"""The case-type registry: one spec per type, registered by the type's own package.

The kernel (stage services, bundle, results, documents, screens) asks the spec instead of knowing
the types: which application row a case has, which 機構 form it is filed on, which documents it
carries, what approval writes and how 機構's answer applies. A new type registers a spec here and
its flow on the workflows side (workflows/casetypes.py); no shared file changes
(docs/architecture.md, "Adding a case type"). What a spec holds is cases/kernel/typespec.py.
"""

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from cases.kernel.filing import FilingForm, forms_check
from cases.kernel.typespec import CaseTypeSpec, Intake
from cases.security.audit_present import target_label_register


class CaseTypeNotRegistered(ImproperlyConfigured):
    """A case carries a type no installed package registered: nothing knows how to handle it."""


_SPECS: dict[str, CaseTypeSpec] = {}
# Case.case_type's length (cases/kernel/models.py uses it): a longer code would only fail at the first
# intake, with a database error.
CODE_MAX_LENGTH = 20


_INTAKE = gettext_lazy("受付")


def casetype_register(spec: CaseTypeSpec) -> CaseTypeSpec:
    if len(spec.code) > CODE_MAX_LENGTH:
        raise ImproperlyConfigured(
            f"案件種別のコード「{spec.code}」は{CODE_MAX_LENGTH}文字以内にしてください (Case.case_type)。"
        )
    # A form another type (or the kernel) holds under the same code, different, is refused (filing.py).
    held = [
        (other.code, form)
        for other in _SPECS.values()
        if other.code != spec.code
        for form in other.filing_forms
    ]
    forms_check(spec.code, spec.filing_forms, held)
    _SPECS[spec.code] = spec
    for intake in spec.intakes:
        # The intake view's audit target is its URL name: the access log reads 「受付 (<type>)」
        # without a line in cases/security/audit_labels.py.
        target_label_register(intake.url, format_lazy("{} ({})", _INTAKE, spec.label))
    return spec


def casetype_unregister(code: str) -> None:
    """For tests that register a throwaway type."""
    _SPECS.pop(code, None)


def casetype_spec(code: str) -> CaseTypeSpec:
    try:
        return _SPECS[code]
    except KeyError:
        raise CaseTypeNotRegistered(
            f"案件種別「{code}」は登録されていません。種別のパッケージが casetype_register() で"
            "登録しているか (cases/apps.py が読み込んでいるか) を確認してください。"
        ) from None


def casetype_specs() -> Iterable[CaseTypeSpec]:
    return tuple(_SPECS.values())


def intakes_for(*, removed: bool) -> list[Intake]:
    """The intake links for a resident on the register or removed from it, each screen once."""
    wanted = {"always", "removed" if removed else "living"}
    found: dict[tuple[str, str], Intake] = {}
    for spec in _SPECS.values():
        for intake in spec.intakes:
            if intake.when in wanted:
                found.setdefault((intake.url, intake.query), intake)
    return sorted(found.values(), key=lambda intake: intake.order)


def number_use_types() -> tuple[str, ...]:
    """The codes of the registered types that are 個人番号利用事務 (CaseTypeSpec.number_use)."""
    return tuple(sorted(spec.code for spec in _SPECS.values() if spec.number_use))


def casetype_label(code: str) -> str:
    spec = _SPECS.get(code)
    return str(spec.label) if spec else code


_PERSON = gettext_lazy("申請者")  # a type that names no person of its own


def casetype_person_label(code: str) -> str:
    spec = _SPECS.get(code)
    return str(spec.person_label) if spec and spec.person_label else str(_PERSON)


def application_of(case):
    """The type's application row of a case (None for a type without one)."""
    spec = casetype_spec(case.case_type)
    return getattr(case, spec.application) if spec.application else None


def related_paths(case_type: str | None = None) -> tuple[str, ...]:
    """select_related paths that load any case with its application (unused ones cost a LEFT JOIN), or
    only `case_type`'s: each path is a join PostgreSQL plans and columns Django compiles, for every row."""
    paths: list[str] = []
    for spec in _SPECS.values() if case_type is None else (casetype_spec(case_type),):
        for path in (spec.application, *spec.related):
            if path and path not in paths:
                paths.append(path)
    return tuple(paths)


def filing_forms() -> list[FilingForm]:
    """Every registered 機構 form, in data-code order (the order the 送付書 lists them in); one form per
    code (casetype_register refuses a second)."""
    forms = {form.code: form for spec in _SPECS.values() for form in spec.filing_forms}
    return [forms[code] for code in sorted(forms)]


def filing_form_of(case) -> FilingForm:
    spec = casetype_spec(case.case_type)
    if spec.filing_form is None:
        raise CaseTypeNotRegistered(f"案件種別「{spec.label}」は日本年金機構へ送付しません。")
    return spec.filing_form(case)
