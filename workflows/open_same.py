"""The person's open cases of the type being taken at the counter: a second intake is more often a slip
than a second application, so the intake screen lists them and asks for a confirmation before taking
another (workflows/views/base.py intake_open_same_unconfirmed).

A type whose person may hold several applications at once says what sets them apart
(`CaseTypeSpec.same_application`: the exemption's 申請年度); only an open case with the same key asks for
the confirmation. Another office's cases are counted, never shown or named (a clerk sees their own
office's, cases/kernel/access.py)."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from cases.kernel.access import cases_visible_to
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from cases.kernel.stages import FINAL_STAGES
from cases.security.models.users import User


def _key(case: Case) -> Any:
    same = casetype_spec(case.case_type).same_application
    return same.key(case) if same else None


def _label(case: Case, key: Any) -> str:
    same = casetype_spec(case.case_type).same_application
    return same.label(key) if same and key is not None else ""


@dataclass(frozen=True)
class OpenSameType:
    """`visible`: the open cases the clerk may see, newest first; `elsewhere`: how many others (another
    office's). `chosen` False: the type is chosen on the form and is not yet, so these are of every type
    the screen takes. `keys`: each visible case's key (`SameApplication`), `elsewhere_keys` the others'
    (None for a type without one)."""

    visible: list
    elsewhere: int
    chosen: bool = True
    keys: dict[int, Any] = field(default_factory=dict)
    elsewhere_keys: tuple = ()

    @property
    def listed(self) -> list[tuple[Case, str]]:
        """Each visible case with the name of its key (令和8年度), "" for a type without one."""
        return [(case, _label(case, self.keys.get(case.pk))) for case in self.visible]

    def same_as(self, key: Any) -> "OpenSameType":
        """The open cases an application with `key` would double: every one when the key is not known
        (None), and a case of a type without a key always."""
        if key is None:
            return self

        def same(other: Any) -> bool:
            return other is None or other == key

        return OpenSameType(
            visible=[case for case in self.visible if same(self.keys.get(case.pk))],
            elsewhere=sum(1 for other in self.elsewhere_keys if same(other)),
            chosen=self.chosen,
            keys=self.keys,
            elsewhere_keys=self.elsewhere_keys,
        )


def _related(case_types: Collection[str]) -> list[str]:
    """The application rows the types' keys read (one query, not one per case)."""
    specs = [casetype_spec(code) for code in case_types]
    return [spec.application for spec in specs if spec.same_application and spec.application]


def open_cases_of_type(
    *, user: User, resident, case_types: Collection[str], chosen: bool = True
) -> OpenSameType:
    every = Case.objects.filter(resident=resident, case_type__in=list(case_types))
    every = every.exclude(stage__in=FINAL_STAGES)
    related = _related(case_types)
    visible_cases = cases_visible_to(user).filter(pk__in=every.values("pk")).select_related(*related)
    visible = list(visible_cases.order_by("-received_on", "-id"))
    others = every.exclude(pk__in=[case.pk for case in visible])
    if not related:
        return OpenSameType(visible=visible, elsewhere=others.count(), chosen=chosen)
    return OpenSameType(
        visible=visible,
        elsewhere=others.count(),
        chosen=chosen,
        keys={case.pk: _key(case) for case in visible},
        elsewhere_keys=tuple(_key(case) for case in others.select_related(*related)),
    )
