"""A registered type's intake screen is named in the access log without a line in a shared list: its
audit target (the intake's URL name, as every intake view writes it) reads 「受付 (<type>)」. Before,
each type added its target to cases/security/audit_present.py by hand, which docs/architecture.md did
not say (found adding a case type from the doc, 2026-12-06)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.kernel.casetypes import casetype_register, casetype_unregister
from cases.kernel.typespec import CaseTypeSpec, Intake
from cases.security.audit_present import target_label


def test_a_registered_types_intake_is_named_in_the_access_log():
    casetype_register(
        CaseTypeSpec(
            code="label_probe", label=_("試験用の届出"), intakes=(Intake("intake_label_probe", _("x")),)
        )
    )
    try:
        with translation.override("ja"):
            assert target_label("intake_label_probe") == "受付 (試験用の届出)"
    finally:
        casetype_unregister("label_probe")


def test_a_label_written_in_the_list_is_kept():
    """The built-in types' wording (and its English) stays as it was."""
    with translation.override("ja"):
        assert target_label("intake_qualification") == "受付 (資格届出)"
