import io

import pytest
from pypdf import PdfReader

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.mynumber import mynumber_register
from tests.factories import applicant_with_household
from tests.workflows.helpers import approved, start_case


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_text(pdf: bytes) -> str:
    """The text of every page without spaces: titles are letter-spaced in print."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace(" ", "").replace("\u3000", "")


def valid_mynumber(base: str = "12345678901") -> str:
    return base + str(mynumber_check_digit(base))


@pytest.fixture
def household():
    return applicant_with_household(income=500000, spouse_income=300000)


@pytest.fixture
def intake_case(clerk, household):
    applicant, _spouse = household
    return start_case(clerk=clerk, resident=applicant)


@pytest.fixture
def approved_case(clerk, clerk2, supervisor, household, django_capture_on_commit_callbacks):
    """An income-tested case driven to 送付待ち; its documents are rendered on approval."""
    applicant, spouse = household
    case = start_case(clerk=clerk, resident=applicant)
    return approved(
        case,
        clerk=clerk,
        clerk2=clerk2,
        supervisor=supervisor,
        spouse=spouse,
        capture=django_capture_on_commit_callbacks,
    )


@pytest.fixture
def case_without_pension_no(intake_case):
    """基礎年金番号 cleared after intake (e.g. a correction from 機構): the 届書 needs the 個人番号."""
    number = valid_mynumber()
    mynumber_register(resident=intake_case.resident, number=number)
    pension = intake_case.resident.pension
    pension.basic_pension_no = None
    pension.save(update_fields=["basic_pension_no"])
    intake_case.refresh_from_db()
    intake_case.resident.refresh_from_db()
    return intake_case, number
