"""A case type's code is stored in Case.case_type (20 characters): a longer code is refused when the type
registers, naming the limit, instead of failing on the first intake with a database error (docs/
architecture.md, adding a case type, gave no limit)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cases.kernel.casetypes import casetype_register, casetype_spec, casetype_unregister
from cases.kernel.models import Case
from cases.kernel.typespec import CaseTypeSpec


def test_a_code_longer_than_the_column_is_refused_at_registration():
    code = "x" * (Case._meta.get_field("case_type").max_length + 1)
    try:
        with pytest.raises(ImproperlyConfigured, match="20文字以内"):
            casetype_register(CaseTypeSpec(code=code, label="長すぎる"))
    finally:
        casetype_unregister(code)


def test_a_code_of_the_columns_length_registers():
    code = "y" * Case._meta.get_field("case_type").max_length
    try:
        casetype_register(CaseTypeSpec(code=code, label="ちょうど"))
        assert casetype_spec(code).code == code
    finally:
        casetype_unregister(code)
