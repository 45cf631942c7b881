"""Why a result line goes to the 突合 queue, in the words of a case type (a 資格届出 whose record cannot be
written, a 支給決定 without its 等級): the system's sentences, worded in each reader's language like the
queue's other reasons (cases/common/texts.py). They were stored as Japanese text, not even translatable,
and stayed Japanese on English screens."""

import pytest
from django.utils import timezone, translation

from cases.common.codes import InsuredKind
from cases.submission.models import Discrepancy
from cases.submission.results import results_import
from tests.disability.test_result_wording import _sent_claim, media_root  # noqa: F401 - a fixture
from tests.qualification.helpers import intake, person
from tests.qualification.test_results import send  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_a_qualification_record_that_cannot_be_written_is_told_in_the_readers_language(clerk, send):  # noqa: F811
    case = intake(
        clerk,
        person(kind=None),
        kind="loss",
        event="emigration",
        event_date=TODAY,
        insured_kind_before=InsuredKind.FIRST,
    )
    send([case], ["承認"])
    item = Discrepancy.objects.get(kind=Discrepancy.Kind.DIFFERS, case=case)
    assert not item.detail  # the system's sentence, not words kept as written
    with translation.override("ja"):
        assert "喪失を記録できませんでした" in item.text
    with translation.override("en"):
        english = item.text
    assert case.number in english and "喪失" not in english and "資格情報" not in english


def test_a_grant_without_its_grade_is_told_in_the_readers_language(
    clerk,
    clerk2,
    supervisor,
    django_capture_on_commit_callbacks,
):
    case = _sent_claim(clerk, clerk2, supervisor)
    data = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級\n"
    data += f"{case.number},,支給決定,{timezone.localdate()},,,,,\n"
    with django_capture_on_commit_callbacks(execute=True):
        results_import(filename="results.csv", data=data.encode(), by=clerk)
    item = Discrepancy.objects.get(kind=Discrepancy.Kind.UNMATCHED_LINE)
    assert not item.detail
    with translation.override("ja"):
        assert f"案件 {case.number} の支給決定に障害等級 (1級・2級) がありません" in item.text
    with translation.override("en"):
        assert case.number in item.text and "障害等級" not in item.text
