"""性別 on the 届書 (入力内容) copies: the label 男 / 女, never the stored code. A 住民記録 extract from an
older system (or a row typed in by hand) can hold "M" / "F", "男", a full-width "１": the form still
prints 男 / 女, and a code nobody knows prints as 未確認 rather than as itself."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import sex_label
from documents.models import Document
from documents.snapshots import snapshot_build
from tests.qualification.helpers import intake, person
from tests.workflows.helpers import start_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("1", "男"),
        ("2", "女"),
        ("M", "男"),
        ("f", "女"),
        ("男", "男"),
        ("１", "男"),
        (" F ", "女"),
        ("X", ""),
    ],
)
def test_sex_label_reads_the_common_spellings(code, label):
    assert sex_label(code) == label


@pytest.mark.parametrize(("code", "label"), [("M", "男"), ("F", "女"), ("2", "女")])
def test_exemption_filing_prints_the_sex_label_not_the_code(clerk, household, code, label):
    applicant, _spouse = household
    applicant.sex = code
    applicant.save(update_fields=["sex"])
    case = start_case(clerk=clerk, resident=applicant)
    snapshot = snapshot_build(kind=Document.Kind.FILING, case=case)
    assert snapshot.context["applicant"]["sex"] == label


@pytest.mark.parametrize(("code", "label"), [("M", "男"), ("F", "女"), ("1", "男")])
def test_qualification_filing_prints_the_sex_label_not_the_code(clerk, code, label):
    resident = person(kind=None, birth=dt.date(1990, 1, 1), sex=code)
    case = intake(clerk, resident, kind="acquisition", event="immigration", event_date=timezone.localdate())
    snapshot = snapshot_build(kind=Document.Kind.FILING, case=case)
    assert snapshot.context["applicant"]["sex"] == label


def test_the_resident_page_shows_the_sex_label_for_an_older_code(client, clerk):
    resident = person(kind=None, sex="F")
    client.force_login(clerk)
    page = client.get(f"/residents/{resident.pk}/").content.decode()
    shown = page.split("性別", 1)[1].split("</dd>", 1)[0]
    assert shown.endswith("女") and "F" not in shown
