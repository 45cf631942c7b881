"""`seed_demo` leaves 資格届出 a newcomer can look at: filings of each kind, a late one, a list from 機構 with
its 勧奨 cases and their letters, and a 臨時送付."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.kernel.models import Case, CaseType, Stage
from cases.qualification.models import QualificationList, QualificationListRow
from cases.submission.models import SubmissionBundle
from documents.models import Document

pytestmark = pytest.mark.django_db


def test_the_demo_has_filings_of_each_kind_a_late_one_a_list_with_letters_and_an_off_cycle_bundle():
    out = StringIO()
    call_command("seed_demo", residents=300, seed=20260401, as_of=timezone.localdate(), stdout=out)
    cases = Case.objects.filter(case_type=CaseType.QUALIFICATION)
    kinds = set(cases.values_list("qualification__kind", flat=True))
    assert {"kind_change", "loss", "death", "acquisition", "voluntary", "additional"} <= kinds, out.getvalue()
    assert cases.filter(qualification__deadline_status="late").exists()
    qlist = QualificationList.objects.get()
    assert qlist.rows.filter(status=QualificationListRow.Status.UNMATCHED).exists()
    issued = qlist.rows.filter(letter=QualificationListRow.Letter.ISSUED)
    assert issued.exists()
    assert Document.objects.get(pk=issued.first().letter_document_id).status == Document.Status.DONE
    off_cycle = SubmissionBundle.objects.get(off_cycle=True)
    assert off_cycle.state == SubmissionBundle.State.SEALED
    assert set(off_cycle.items.values_list("case__case_type", flat=True)) == {CaseType.QUALIFICATION}
    assert cases.filter(stage=Stage.SENT).count() == off_cycle.items.count()
    assert cases.filter(stage=Stage.IDENTITY, qualification__solicited=True).exists()  # a 勧奨 answered
    # The exemption demo still has every stage (送付待ち too: the 臨時送付 came first).
    assert Case.objects.filter(case_type=CaseType.EXEMPTION, stage=Stage.READY_TO_SEND).exists()
