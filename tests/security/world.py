"""One of everything a URL can point at, for the access-matrix and IDOR tests.

Built with the real services (a case with an open task, an approved case in a draft bundle) and plain
rows where only an id is needed (a result line, a discrepancy, a transfer, an import batch).
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from viewflow.workflow.models import Task

from cases.kernel.models import Case
from cases.qualification.models import QualificationList
from cases.registry.models.imports import ImportBatch
from cases.registry.models.residents import Resident
from cases.security.models.offices import Office
from cases.security.models.security import Inquiry, LoginAttempt
from cases.security.models.users import User
from cases.submission.models import (
    BundleItem,
    Discrepancy,
    RegistryTransfer,
    ResultImport,
    ResultLine,
    SubmissionBundle,
)
from cases.submission.result_uploads import ResultUpload
from documents.models import Document
from tests.factories import applicant_with_household, stub_document
from tests.workflows import helpers as h

# Names no other fixture uses, so a page or a log line that shows them is found.
APPLICANT_KANJI, APPLICANT_KANA = "神楽 道子", "カグラ ミチコ"


@dataclass
class World:
    office: Office
    resident: Resident
    case: Case  # at 本人確認, its task assigned to the clerk
    task: Task
    ready_case: Case  # 送付待ち, in the draft bundle
    receipt: Document  # no 個人番号
    filing: Document  # carries a 個人番号
    bundle: SubmissionBundle
    result_line: ResultLine
    discrepancy: Discrepancy
    transfer: RegistryTransfer
    batch: ImportBatch
    inquiry: Inquiry
    result_upload: ResultUpload
    qualification_list: QualificationList


def build_world(
    *, clerk: User, clerk2: User, supervisor: User, admin_user: User, capture, tag: str = ""
) -> World:
    """Everything belongs to the clerk's office. `capture`: django_capture_on_commit_callbacks."""
    applicant, _spouse = applicant_with_household()
    Resident.objects.filter(pk=applicant.pk).update(kanji_name=APPLICANT_KANJI, kana_name=APPLICANT_KANA)
    applicant.refresh_from_db()
    case = h.start_case(clerk=clerk, resident=applicant)
    task = h.open_task(case, "verify_identity")

    ready_applicant, ready_spouse = applicant_with_household()
    ready = h.start_case(clerk=clerk, resident=ready_applicant)
    h.verify(ready, clerk)
    with capture(execute=True):
        h.enter(ready, clerk, spouse=ready_spouse)
    h.cross_check(ready, clerk2)
    h.approve(ready, supervisor)  # the on-commit rendering is not run: stubs stand in below

    bundle = SubmissionBundle.objects.create(
        number=f"S20260102-1500{tag}",
        cutoff_at=timezone.now() - dt.timedelta(days=1),
        created_by=supervisor,
    )
    BundleItem.objects.create(bundle=bundle, case=ready)
    result_import = ResultImport.objects.create(
        filename="kekka.csv", sha256=hashlib.sha256(f"world{tag}".encode()).hexdigest(), imported_by=clerk
    )
    result_line = ResultLine.objects.create(
        result_import=result_import,
        line_no=2,
        reference_no=ready.number,
        decision="approved",
        decided_on=timezone.localdate(),
        granted_kind="half",
        case=ready,
    )
    discrepancy = Discrepancy.objects.create(
        kind=Discrepancy.Kind.DIFFERS, case=ready, line=result_line, detail="申請 全額免除、結果 半額免除"
    )
    LoginAttempt.objects.create(username=clerk.username, source_ip="10.0.0.9", success=True, reason="ok")
    for model, values in (
        (IntervalSchedule, {"every": 10, "period": IntervalSchedule.MINUTES}),
        (SolarSchedule, {"event": "sunrise", "latitude": 43.77, "longitude": 142.36}),
        (ClockedSchedule, {"clocked_time": timezone.now()}),
    ):
        model.objects.get_or_create(**values)
    CrontabSchedule.objects.get_or_create(minute="0", hour="4")
    assert PeriodicTask.objects.exists() and Group.objects.exists()
    return World(
        office=clerk.office,
        resident=applicant,
        case=case,
        task=task,
        ready_case=ready,
        receipt=stub_document(case, Document.Kind.RECEIPT),
        filing=stub_document(case, Document.Kind.FILING, includes_mynumber=True),
        bundle=bundle,
        result_line=result_line,
        discrepancy=discrepancy,
        transfer=RegistryTransfer.objects.create(requested_by=clerk, reason="年次の移転"),
        batch=ImportBatch.objects.create(
            kind=ImportBatch.Kind.RESIDENTS, filename="jyuki.csv", created_by=admin_user
        ),
        inquiry=Inquiry.objects.create(
            received_at=timezone.now(),
            channel=Inquiry.Channel.PHONE,
            subject="取扱いの確認",
            handler=clerk,
            office=clerk.office,
        ),
        result_upload=ResultUpload.objects.create(
            filename="kekka.csv", sha256="0" * 64, stored="results/none.csv.sealed", uploaded_by=supervisor
        ),
        qualification_list=QualificationList.objects.create(
            kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS,
            filename="kounen-soushitsu.csv",
            sha256=hashlib.sha256(f"list{tag}".encode()).hexdigest(),
            imported_by=clerk,
            office=clerk.office,
        ),
    )


def url_values(world: World, *, admin_object_id: str = "") -> dict[str, object]:
    """The value for each URL keyword the desk uses, from the world's objects."""
    return {
        "case_id": world.case.pk,
        "task_id": world.task.pk,
        "document_id": world.receipt.pk,
        "kind": Document.Kind.RECEIPT,
        "bundle_id": world.bundle.pk,
        "batch_id": world.batch.pk,
        "discrepancy_id": world.discrepancy.pk,
        "transfer_id": world.transfer.pk,
        "inquiry_id": world.inquiry.pk,
        "resident_id": world.resident.pk,
        "upload_id": world.result_upload.pk,
        "list_id": world.qualification_list.pk,
    }
