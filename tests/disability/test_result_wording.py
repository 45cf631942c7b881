"""機構's answer to a 障害基礎年金 claim is 支給決定 or 不支給 (the results file accepts both words, docs/formats/
results.md); the case's timeline and the upload's preview said the exemption's 「承認」/「却下」 for it, beside
the claim panel's 「不支給」. They now use the claim's own words."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.models import Case, CaseEvent
from cases.submission.bundles import bundle_build, bundle_hand_over
from cases.submission.results import results_import
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sent_claim(clerk, clerk2, supervisor):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.ready_to_send(case, clerk, clerk2, supervisor)
    Case.objects.filter(pk=case.pk).update(stage_since=timezone.now() - dt.timedelta(minutes=2))
    bundle = bundle_seal(bundle=bundle_build(cutoff_at=timezone.now(), by=supervisor), by=supervisor)
    bundle_hand_over(
        bundle=bundle, by=supervisor, sent_on=timezone.localdate(), medium="cd_r", received_by="x"
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    ("word", "grade", "own", "other"),
    [("不支給", "", "不支給", "却下"), ("支給決定", "2級", "支給決定", "承認")],
)
def test_the_claims_result_is_told_in_the_claims_words(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks, word, grade, own, other
):
    case = _sent_claim(clerk, clerk2, supervisor)
    today = timezone.localdate().isoformat()
    reason = "障害の程度が2級に該当しない" if word == "不支給" else ""
    data = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級\n"
    data += f"{case.number},,{word},{today},,,,{reason},{grade}\n"
    with django_capture_on_commit_callbacks(execute=True):
        results_import(filename="results.csv", data=data.encode(), by=clerk)
    said = case.events.get(action=CaseEvent.Action.RESULT).text
    assert own in said and other not in said
