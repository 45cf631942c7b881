"""One 障害基礎年金 claim from the counter through the weekly bundle (beside an exemption in the same week)
to 機構's result: 受付 → 本人確認 → 入力 (papers missing: 書類不備, then back) → 照合 → 決裁 → bundle, seal,
hand-over → 支給決定 2級 → 完了."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.kernel.deadlines import documents_remind_overdue
from cases.kernel.models import Case, CaseEvent, ChecklistItem, Stage
from cases.kernel.steps import stage_input_papers_request
from cases.submission.bundles import bundle_build, bundle_hand_over
from cases.submission.fixed_length import file_decode
from cases.submission.results import results_import
from cases.submission.storage import archive_read
from documents.models import Document
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.workflows import helpers as h
from workflows import steps
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db
State = ChecklistItem.State


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _exemption_ready(clerk, clerk2, supervisor, capture):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    return case


def test_a_claim_walks_from_the_counter_to_kikos_result(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    resident = PensionRecordFactory().resident
    claim_case = d.start_claim(clerk=clerk, resident=resident)
    assert claim_case.stage == Stage.IDENTITY and claim_case.process_id
    assert Document.objects.filter(case=claim_case, kind="receipt").exists()
    claim = claim_case.disability
    assert (claim.claim_kind, claim.recognition_basis, claim.office_route) == (
        "recognition",
        "eighteen_months",
        "city",
    )
    papers = dict(claim_case.checklist.values_list("code", "state"))
    assert papers["claim_form"] == State.RECEIVED and papers["certificate_recognition"] == State.MISSING

    d.verify(claim_case, clerk)
    assert claim_case.stage == Stage.INPUT

    # The 診断書 and the others are not in yet: 照合 is refused, and the clerk asks for them instead.
    task = d.take(claim_case, "enter_data", clerk)
    with pytest.raises(Exception, match="提出されていない必須の書類"):
        steps.input_save(task_id=task.pk, user=clerk, data=d.entered(claim_case, received=[]))
    claim_case.refresh_from_db()
    assert claim_case.stage == Stage.INPUT
    due = timezone.localdate() + dt.timedelta(days=14)
    steps.type_step(
        task_id=task.pk,
        user=clerk,
        service=stage_input_papers_request,
        data=d.entered(claim_case, received=["medical_history"]),
        due_on=due,
        note="診断書を依頼",
    )
    claim_case.refresh_from_db()
    assert claim_case.stage == Stage.AWAITING_DOCUMENTS and claim_case.documents_due_on == due
    requested = claim_case.checklist.filter(state=State.REQUESTED)
    assert "certificate_recognition" in set(requested.values_list("code", flat=True))
    assert all(item.due_on == due for item in requested)
    assert claim_case.checklist.get(code="medical_history").state == State.RECEIVED
    # The deadline passes: the desk is reminded once.
    assert documents_remind_overdue(now=timezone.now() + dt.timedelta(days=20)) == 1
    assert claim_case.events.filter(action=CaseEvent.Action.DOCUMENTS_REMINDED).count() == 1

    task = d.take(claim_case, "await_documents", clerk)
    steps.documents_outcome(task_id=task.pk, user=clerk, received=True, comment="診断書を受領")
    claim_case.refresh_from_db()
    assert claim_case.stage == Stage.INPUT  # back where it stopped, not at 本人確認
    d.enter(claim_case, clerk)
    assert claim_case.stage == Stage.CROSS_CHECK
    claim = claim_case.disability
    assert claim.contribution["result"]["satisfied"] and claim.contribution["result"]["rule"] == "two_thirds"
    assert claim.certificates[0]["check"] == "ok"

    d.cross_check(claim_case, clerk2)
    d.approve(claim_case, supervisor)
    assert claim_case.stage == Stage.READY_TO_SEND

    exemption_case = _exemption_ready(clerk, clerk2, supervisor, capture)
    before = timezone.now() - dt.timedelta(minutes=2)
    Case.objects.filter(pk__in=[claim_case.pk, exemption_case.pk]).update(stage_since=before)
    bundle = bundle_build(cutoff_at=timezone.now(), by=supervisor)
    assert bundle.manifest["counts"]["by_form"] == {
        "11": {"label": "国民年金保険料免除・納付猶予申請書", "count": 1},
        "21": {"label": "年金請求書 (国民年金障害基礎年金) 様式第107号", "count": 1},
    }
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    archive = zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number)))
    assert f"cases/{claim_case.number}/filing.pdf" in archive.namelist()
    dat = archive.read(next(name for name in archive.namelist() if name.endswith(".dat")))
    records = {values["整理番号"]: values for layout, values in file_decode(dat) if layout.record_type == "2"}
    filed = records[claim_case.number]
    assert (filed["届書種別"], filed["請求の種類"], filed["原本別送"]) == ("21", "01", "1")
    assert filed["初診日"] and filed["障害認定日"] and filed["免除種類 (第1希望)"] == "00"
    assert records[exemption_case.number]["初診日"] == ""  # the exemption's record is as before
    assert json.loads(archive.read("manifest.json"))["counts"]["cases"] == 2

    bundle_hand_over(
        bundle=bundle,
        by=supervisor,
        sent_on=timezone.localdate(),
        medium="cd_r",
        received_by="旭川年金事務所 国民年金課",
    )
    claim_case.refresh_from_db()
    assert claim_case.stage == Stage.SENT

    today = timezone.localdate().isoformat()
    data = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級\n"
    data += f"{claim_case.number},,支給決定,{today},,,,,2級\n"
    with capture(execute=True):
        imported = results_import(filename="results.csv", data=data.encode(), by=clerk)
    assert imported.matched == 1 and imported.discrepancies == 1  # the exemption has no line yet
    claim_case.refresh_from_db()
    claim_case.process.refresh_from_db()
    assert claim_case.stage == Stage.CLOSED and claim_case.process.status == PROCESS.DONE
    claim = claim_case.disability
    assert (claim.decision, claim.grade, claim.decided_on.isoformat()) == ("approved", 2, today)
    result = claim_case.events.get(action=CaseEvent.Action.RESULT)
    assert "障害等級 2級" in result.text  # stored as a code with its parameters, worded when shown
