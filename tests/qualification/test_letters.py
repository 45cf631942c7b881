"""勧奨状: one batched PDF per run, rendered by a job, a result per row — and a job that dies halfway
loses and doubles nothing when run again (in-process here; with a killed worker in test_letters_worker)."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.common.codes import ChangeReason
from cases.kernel.models import CaseType
from cases.qualification.lists import letters_request, list_import, list_start
from cases.qualification.models import QualificationList, QualificationListRow
from cases.submission.faults import ENV, InjectedFault
from documents import solicitations
from documents.models import Document
from documents.solicitations import letters_render
from tests.qualification.helpers import person
from workflows.start import case_start

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
Letter = QualificationListRow.Letter


def start(intake):
    return case_start(case_type=CaseType.QUALIFICATION, intake=intake, receipt=False)


def started_list(clerk, count: int) -> QualificationList:
    people = [person(kana_name=f"カンショウ {'アイウエオカキクケコ'[n]}") for n in range(count)]
    lines = [
        f"{p.pension.basic_pension_no},{p.kana_name},{p.birth_date},{TODAY - dt.timedelta(days=3)}"
        for p in people
    ]
    data = ("基礎年金番号,カナ氏名,生年月日,事由発生日\n" + "\n".join(lines) + "\n").encode()
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS, filename="k.csv", data=data, by=clerk
    )
    assert list_start(qlist=qlist, by=clerk, start=start) == count
    return qlist


def assert_each_letter_once(qlist: QualificationList, count: int) -> None:
    rows = list(qlist.rows.order_by("letter_no"))
    assert [row.letter for row in rows] == [Letter.ISSUED] * count
    assert [row.letter_no for row in rows] == list(range(1, count + 1))
    printed = []
    for document in Document.objects.filter(kind=Document.Kind.SOLICITATIONS):
        assert document.status == Document.Status.DONE and document.pages == len(document.context["letters"])
        printed += [letter["case_number"] for letter in document.context["letters"]]
    assert sorted(printed) == sorted(row.case.number for row in rows)  # nobody lost, nobody twice


def test_the_letters_of_a_list_are_one_pdf_with_a_result_per_row(clerk, django_capture_on_commit_callbacks):
    qlist = started_list(clerk, 3)
    moved = qlist.rows.order_by("line_no").last().resident
    moved.removed_on, moved.change_reason = TODAY, ChangeReason.MOVE_OUT
    moved.save(update_fields=["removed_on", "change_reason"])
    with django_capture_on_commit_callbacks(execute=True):
        assert letters_request(qlist=qlist, by=clerk) == 3
    qlist.refresh_from_db()
    assert qlist.job == "" and qlist.job_error == ""
    rows = list(qlist.rows.order_by("line_no"))
    assert [row.letter for row in rows] == [Letter.ISSUED, Letter.ISSUED, Letter.SKIPPED]
    assert "消除" in rows[2].letter_note and rows[2].letter_no is None
    document = Document.objects.get(kind=Document.Kind.SOLICITATIONS)
    assert document.pages == 2 and document.requested_by == clerk
    # Asked again: nothing is waiting, nothing is printed twice.
    assert letters_request(qlist=qlist, by=clerk) == 0
    assert Document.objects.filter(kind=Document.Kind.SOLICITATIONS).count() == 1


@pytest.mark.parametrize("point", ["letters.prepare:3", "letters.render:2"])
def test_a_letter_job_that_dies_halfway_loses_and_doubles_nothing_when_run_again(point, clerk, monkeypatch):
    qlist = started_list(clerk, 5)
    monkeypatch.setattr(solicitations, "CHUNK", 2)
    monkeypatch.setenv(ENV, f"{point}:raise")
    with pytest.raises(InjectedFault):
        letters_render(list_id=qlist.pk, by=clerk)
    qlist.refresh_from_db()
    assert "途中で止まりました" in qlist.job_error
    rows = qlist.rows.all()
    assert not rows.filter(letter=Letter.ISSUED).exists()  # nothing is marked printed that is not stored
    if point.startswith("letters.prepare"):
        # The chunk with the third letter rolled back whole; the first chunk kept its numbers.
        assert sorted(rows.exclude(letter_no=None).values_list("letter_no", flat=True)) == [1, 2]
    else:
        # The batch was made (its rows belong to it) but never stored: it is rendered again as it is.
        assert rows.filter(letter=Letter.PREPARED, letter_document_id__isnull=False).count() == 5

    monkeypatch.delenv(ENV)
    letters_render(list_id=qlist.pk, by=clerk)
    assert Document.objects.filter(kind=Document.Kind.SOLICITATIONS).count() == 1
    assert_each_letter_once(qlist, 5)
    letters_render(list_id=qlist.pk, by=clerk)  # and once more: nothing changes
    assert Document.objects.filter(kind=Document.Kind.SOLICITATIONS).count() == 1
    assert_each_letter_once(qlist, 5)


def test_the_screen_and_the_letter_show_the_loss_date_the_list_gave(
    client, clerk, django_capture_on_commit_callbacks
):
    """The exploratory test of 2026-12-05 imported 事由発生日 2026-11-21 (the 厚生年金 loss date); the
    preview column of the same name showed 11/20 (the stored last day employed, 厚年法14条) and the
    letter printed 11/20 beside 「資格喪失日から14日以内」. Both now show the list's day, named."""
    from cases.common.identifiers.wareki import format_wareki

    qlist = started_list(clerk, 1)
    lost_on = TODAY - dt.timedelta(days=3)  # the file's 事由発生日
    row = qlist.rows.get()
    assert row.event_date == lost_on - dt.timedelta(days=1)  # what the filing states: the last day
    client.force_login(clerk)
    page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    assert "厚生年金の資格喪失日" in page and format_wareki(lost_on) in page
    assert format_wareki(row.event_date) not in page
    with django_capture_on_commit_callbacks(execute=True):
        letters_request(qlist=qlist, by=clerk)
    letter = Document.objects.get(kind=Document.Kind.SOLICITATIONS).context["letters"][0]
    assert letter["date_label"] == "厚生年金の資格喪失日" and letter["listed_on"] == lost_on.isoformat()
