"""One path through everything issue 13 asks for: 機構's 厚生年金保険 資格喪失者一覧 imported → preview →
one 勧奨 case → 勧奨状 (a real batched PDF) → the person files (種別変更 2号→1号) and, at the counter,
another files a 付加 申出 → 本人確認・入力・照合・決裁 → 臨時送付 (data file with 資格届出 records) →
機構's 承認 → 資格情報 and 付加年金情報 gain their history rows → the 住基 transfer carries them."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.common.codes import AcquisitionReason, AdditionalKind, InsuredKind, LossReason
from cases.kernel.models import CaseType, Stage
from cases.qualification import services as svc
from cases.qualification.lists import letters_request, list_import, list_start
from cases.qualification.models import QualificationList, QualificationListRow
from cases.qualification.request import QualificationRequest
from cases.registry.models.pension import AdditionalPension, Qualification
from cases.submission import bundles
from cases.submission import transfer as transfers
from cases.submission.fixed_length import file_decode
from cases.submission.results import results_import
from cases.submission.storage import archive_read
from cases.submission.transfer_file import transfer_file_read
from documents.models import Document
from documents.selectors import document_pdf
from tests.factories import TRANSFER_DOCUMENT
from tests.qualification.helpers import intake, person, take, through_approval
from workflows import steps
from workflows.start import case_start
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
Status, Letter = QualificationListRow.Status, QualificationListRow.Letter


def start(intake_service):
    return case_start(case_type=CaseType.QUALIFICATION, intake=intake_service, receipt=False)


def test_list_to_letters_to_filing_to_kiko_to_records_to_juki(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    lost_on = TODAY - 10 * DAY  # 厚生年金 lost: the day after the last day employed
    left = person(
        kind=InsuredKind.SECOND, kana_name="キタノ ハルカ", kanji_name="北野 遥", birth=dt.date(1991, 2, 3)
    )
    filed = person(kind=InsuredKind.SECOND, kana_name="ミナミ アキラ", birth=dt.date(1988, 8, 8))
    svc.qualification_intake(  # already filed at the counter: the list needs no 勧奨 for this one
        actor=clerk,
        resident=filed,
        received_on=TODAY,
        request=QualificationRequest(
            kind="kind_change", event="leave_employee_pension", event_date=lost_on - DAY
        ),
    )
    data = (
        "基礎年金番号,カナ氏名,生年月日,事由発生日,事業所名\n"
        f"{left.pension.basic_pension_no},キタノ ハルカ,1991-02-03,{lost_on},旭川製作所\n"
        f"{filed.pension.basic_pension_no},ミナミ アキラ,1988-08-08,{lost_on},旭川製作所\n"
        f",ダレモ イナイ,1970-01-01,{lost_on},\n"
    ).encode()

    # 1. import and preview
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS, filename="soushitsu.csv", data=data, by=clerk
    )
    rows = {row.line_no: row for row in qlist.rows.all()}
    assert (rows[2].status, rows[3].status, rows[4].status) == (
        Status.MATCHED,
        Status.ALREADY,
        Status.UNMATCHED,
    )
    assert "案件" in rows[3].reason_shown and "住民がいません" in rows[4].reason_shown
    assert rows[2].event_date == lost_on - DAY  # the last day employed, as the filing states it

    # 2. one 勧奨 case per person, then the letters (one batched PDF, rendered by the job)
    assert list_start(qlist=qlist, by=clerk, start=start) == 1
    case = qlist.rows.get(line_no=2).case
    assert case.stage == Stage.INTAKE and case.qualification.solicited
    with django_capture_on_commit_callbacks(execute=True):
        assert letters_request(qlist=qlist, by=clerk) == 1
    row = qlist.rows.get(line_no=2)
    assert (row.letter, row.letter_no) == (Letter.ISSUED, 1)
    letters = Document.objects.get(pk=row.letter_document_id)
    assert letters.kind == Document.Kind.SOLICITATIONS and letters.status == Document.Status.DONE
    assert document_pdf(document=letters).startswith(b"%PDF") and letters.pages == 1
    assert letters.context["letters"][0]["name"] == "北野 遥"

    # 3. the person comes with the letter; another person files a 付加 申出 at the counter
    task = take(case, "receive_filing", clerk)
    answer = svc.QualificationInput(
        request=QualificationRequest(
            kind="kind_change", event="leave_employee_pension", event_date=lost_on - DAY
        )
    )
    steps.type_step(task_id=task.pk, user=clerk, service=svc.qualification_receive, data=answer)
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY and case.received_on == TODAY and case.send_due_on == TODAY + 14 * DAY
    assert case.qualification.effective_on == lost_on and case.qualification.deadline_status == "on_time"
    payer = person(kind=InsuredKind.FIRST, kana_name="ヒガシ ユウ")
    additional = intake(clerk, payer, kind="additional", event="application")

    # 4. the desk's steps
    for each in (case, additional):
        through_approval(each, clerk, clerk2, supervisor)
        assert each.stage == Stage.READY_TO_SEND

    # 5. a 臨時送付 takes both at once (則9条's 14 days), sealed and handed over
    bundle = bundles.bundle_build_off_cycle(by=supervisor)
    assert bundle.off_cycle and bundle.number.startswith("R")
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    bundles.bundle_hand_over(
        bundle=bundle, by=supervisor, sent_on=TODAY, medium="cd_r", received_by="旭川年金事務所 国民年金課"
    )
    with zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number))) as archive:
        records = file_decode(archive.read(f"data/{bundle.number}.dat"))
        sheet = list(
            csv.DictReader(io.StringIO(archive.read(f"data/{bundle.number}.csv").decode("utf-8-sig")))
        )
        assert f"cases/{case.number}/filing.pdf" in archive.namelist()
    kinds = [(layout.record_type, values.get("整理番号")) for layout, values in records]
    assert kinds == [
        ("1", None),
        ("2", min(case.number, additional.number)),
        ("4", min(case.number, additional.number)),
        ("2", max(case.number, additional.number)),
        ("4", max(case.number, additional.number)),
        ("3", None),
    ]
    change = next(
        values
        for layout, values in records
        if layout.record_type == "4" and values["整理番号"] == case.number
    )
    assert (change["届出区分"], change["変更前種別"], change["変更後種別"], change["取得・喪失理由"]) == (
        "03",
        "2",
        "1",
        "03",
    )
    assert change["漢字氏名"] == "北野\u3000遥" and change["番号の区分"] == "1"
    assert records[-1][1]["資格届出レコード件数"] == "0000002"
    assert {row["整理番号"]: row["届出区分"] for row in sheet} == {case.number: "03", additional.number: "07"}

    # 6. 機構's result: 承認 for both (no 免除種類 on a 資格届出 line)
    lines = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由\n"
    lines += f"{case.number},,承認,{TODAY},,,,\n{additional.number},,承認,{TODAY},,,,\n"
    with django_capture_on_commit_callbacks(execute=True):
        imported = results_import(filename="kekka.csv", data=lines.encode(), by=clerk)
    assert imported.matched == 2 and imported.discrepancies == 0
    for each in (case, additional):
        each.refresh_from_db()
        each.process.refresh_from_db()
        assert each.stage == Stage.CLOSED and each.process.status == PROCESS.DONE

    # 7. 資格情報 and 付加年金情報 gain their rows (別添1)
    periods = list(Qualification.objects.filter(pension=left.pension).order_by("acquired_on"))
    assert [(p.insured_kind, p.lost_on, p.lost_reason) for p in periods] == [
        (InsuredKind.SECOND, lost_on, LossReason.KIND_CHANGE),
        (InsuredKind.FIRST, None, ""),
    ]
    first = periods[1]
    assert (first.acquired_on, first.acquired_filed_on, first.acquired_reason) == (
        lost_on,
        TODAY,
        AcquisitionReason.LEFT_EMPLOYEE_PENSION,
    )
    paying = AdditionalPension.objects.get(pension=payer.pension, kind=AdditionalKind.ADDITIONAL)
    assert (paying.joined_on, paying.joined_filed_on, paying.left_on) == (TODAY, TODAY, None)

    # 8. the 住基 transfer carries the change
    transfer = transfers.transfer_request(by=clerk, reason="資格届出の反映", **TRANSFER_DOCUMENT)
    transfer = transfers.transfer_decide(transfer=transfer, by=supervisor, approve=True)
    transfer = transfers.transfer_produce(transfer=transfer, by=clerk)
    text = transfer_file_read(name=transfer.file, transfer_id=transfer.pk).decode()
    produced = list(csv.DictReader(io.StringIO(text)))
    mine = [r for r in produced if r["宛名番号"] == left.atena_no]
    assert {(r["被保険者種別"], r["資格取得日"], r["資格喪失日"]) for r in mine} == {
        ("2", "2013-04-01", lost_on.isoformat()),
        ("1", lost_on.isoformat(), ""),
    }
    assert {r["資格取得届出日"] for r in mine if r["被保険者種別"] == "1"} == {TODAY.isoformat()}
    added = [r for r in produced if r["宛名番号"] == payer.atena_no and r["区分"] == "付加"]
    assert [(r["付加種別"], r["付加加入日"], r["付加加入届出日"]) for r in added] == [
        ("1", TODAY.isoformat(), TODAY.isoformat())
    ]
