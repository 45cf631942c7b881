"""The weekly data file is open to a new type without touching cases/submission/: a probe type defined in
this module files on the kernel's form 31 (shared with the 資格届出, not a copy of it), or on a form of its
own that adds a record of its own; a key the data file cannot carry, or a second form under a code already
taken, is refused loudly instead of vanishing (the IT review's G6 and G7, 2026-12-06)."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.kernel import filing
from cases.kernel.casetypes import (
    CaseTypeNotRegistered,
    casetype_register,
    casetype_spec,
    casetype_unregister,
)
from cases.kernel.filing import FilingForm
from cases.kernel.models import Case, CaseType, Stage
from cases.kernel.typespec import CaseTypeSpec
from cases.submission.bundles import BundleError, bundle_build
from cases.submission.fixed_length import file_decode
from cases.submission.storage import archive_read
from tests.factories import PensionRecordFactory, ResidentFactory
from tests.kernel.test_plugin_casetype import CODE, ProbeFlow, _work, probe_intake
from workflows import steps
from workflows.casetypes import FlowType, flow_register, flow_unregister
from workflows.start import case_start

pytestmark = pytest.mark.django_db
ADDITIONAL = {"kind": "additional", "filed_on": dt.date(2026, 4, 8), "additional_month": dt.date(2026, 5, 1)}


@pytest.fixture
def register():
    """Registers the probe type on the forms given; unregisters it afterwards."""

    def _register(*forms, values=None):
        casetype_register(
            CaseTypeSpec(
                code=CODE,
                label=_("試験用の届出"),
                filing_forms=forms,
                filing_form=lambda case: forms[0],
                filing_values=values,
                receipt=False,
            )
        )
        flow_register(FlowType(case_types=(CODE,), flow=ProbeFlow))

    yield _register
    casetype_unregister(CODE)
    flow_unregister(CODE)


def approved(resident, clerk, clerk2, supervisor) -> Case:
    case = case_start(
        case_type=CODE,
        intake=lambda: probe_intake(actor=clerk, resident=resident, received_on=timezone.localdate()),
    )
    _work(case, clerk, steps.identity_record, documents=["mynumber_card"])
    _work(case, clerk, steps.input_save, data=None)
    _work(case, clerk2, steps.cross_check, matches=True)
    _work(case, supervisor, steps.approval, approved=True)
    assert case.stage == Stage.READY_TO_SEND
    Case.objects.filter(pk=case.pk).update(stage_since=timezone.now() - dt.timedelta(minutes=2))
    return case


def bundle_files(supervisor) -> tuple[list, list[dict]]:
    bundle = bundle_build(cutoff_at=timezone.now(), by=supervisor)
    with zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number))) as archive:
        records = file_decode(archive.read(f"data/{bundle.number}.dat"))
        sheet = archive.read(f"data/{bundle.number}.csv").decode("utf-8-sig")
    return records, list(csv.DictReader(io.StringIO(sheet)))


def test_a_new_type_files_on_the_kernels_form_31_with_its_qualification_record(
    register, clerk, clerk2, supervisor
):
    form = filing.kiko_form("31")
    assert casetype_spec(CaseType.QUALIFICATION).filing_forms == (form,)  # the same form, not a copy
    register(form, values=lambda cases: {case.pk: {"qualification": ADDITIONAL} for case in cases})
    # No 基礎年金番号: form 31 lets the 届書 carry the 個人番号 instead (則1条の4第1項4号), never the file.
    case = approved(ResidentFactory(), clerk, clerk2, supervisor)
    records, sheet = bundle_files(supervisor)
    kinds = [(layout.record_type, values.get("整理番号")) for layout, values in records]
    assert kinds == [("1", None), ("2", case.number), ("4", case.number), ("3", None)]
    data, extra, trailer = records[1][1], records[2][1], records[3][1]
    assert data["届書種別"] == "31" and data["基礎年金番号"] == "0000000000"
    assert (
        extra["届出区分"] == "07" and extra["付加の開始・終了年月"] == "90805" and extra["番号の区分"] == "2"
    )
    assert extra["漢字氏名"] == "旭\u3000太郎"  # the person's, filled by the bundle as for the 資格届出
    assert trailer["資格届出レコード件数"] == "0000001"
    assert sheet[0]["届出区分"] == "07"


def test_a_form_of_a_new_types_own_adds_its_own_record_and_trailer_count(register, clerk, clerk2, supervisor):
    record = filing.FormRecord(
        record_type="9",
        title="試験用レコード",
        count_label="試験用レコード件数",
        key="probe",
        fields=(("試験値", 4, "数字", "value"),),
        values=lambda case, filed: {"value": filed["value"]},
    )
    form = FilingForm("91", "試験用届書", "試験用届書", "試験用届書", mynumber_allowed=True, record=record)
    register(form, values=lambda cases: {case.pk: {"probe": {"value": 42}} for case in cases})
    case = approved(ResidentFactory(), clerk, clerk2, supervisor)  # no 基礎年金番号: the form allows it
    records, sheet = bundle_files(supervisor)
    kinds = [(layout.record_type, values.get("整理番号")) for layout, values in records]
    assert kinds == [("1", None), ("2", case.number), ("9", case.number), ("3", None)]
    assert records[2][1]["試験値"] == "0042"
    assert (
        records[3][1]["試験用レコード件数"] == "0000001"
        and records[3][1]["資格届出レコード件数"] == "0000000"
    )
    assert sheet[0]["試験値"] == "0042" and sheet[0]["届書種別"] == "91"


def test_without_the_flag_a_form_still_needs_the_basic_pension_number(register, clerk, clerk2, supervisor):
    register(FilingForm("91", "試験用届書", "試験用届書", "試験用届書"))
    approved(ResidentFactory(), clerk, clerk2, supervisor)
    with pytest.raises(BundleError, match="基礎年金番号"):
        bundle_files(supervisor)


@pytest.mark.parametrize(
    "filed",
    [
        {"kinds": [], "colour": "blue"},  # a field the data file has no place for
        {"qualification": ADDITIONAL},  # form 31's record, on a form without it
    ],
    ids=["unknown", "another-forms-record"],
)
def test_a_filing_value_the_data_file_cannot_carry_is_refused_not_dropped(
    register, filed, clerk, clerk2, supervisor
):
    register(
        FilingForm("91", "試験用届書", "試験用届書", "試験用届書"),
        values=lambda cases: {c.pk: filed for c in cases},
    )
    approved(PensionRecordFactory().resident, clerk, clerk2, supervisor)
    unknown = next(key for key in filed if key != "kinds")
    with pytest.raises(ImproperlyConfigured, match=f"{CODE}.*「{unknown}」"):
        bundle_build(cutoff_at=timezone.now(), by=supervisor)


def test_a_second_form_under_a_code_already_registered_is_refused_naming_both():
    other = FilingForm("31", "試験用の別の届書", "別の届書", "試験用の別の届書")
    with pytest.raises(ImproperlyConfigured, match="届書種別「31」") as refused:
        casetype_register(
            CaseTypeSpec(
                code=CODE, label=_("試験用の届出"), filing_forms=(other,), filing_form=lambda c: other
            )
        )
    assert all(name in str(refused.value) for name in (CODE, CaseType.QUALIFICATION, "試験用の別の届書"))
    assert filing.kiko_form("31").data_label in str(refused.value)
    with pytest.raises(CaseTypeNotRegistered):
        casetype_spec(CODE)  # nothing half-registered
