"""Building the week's bundle: the cut-off, one live bundle per case, the data file and the ZIP."""

import csv
import datetime as dt
import io
import json
import logging
import zipfile

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.kernel.models import CaseEvent
from cases.submission import bundles as svc
from cases.submission.archive import archive_verify, sha256_hex
from cases.submission.fixed_length import file_decode
from cases.submission.models import BundleItem, SubmissionBundle
from cases.submission.storage import archive_read
from tests.bundles.conftest import live_items
from workflows.submission import bundle_seal as seal

pytestmark = pytest.mark.django_db


def zip_of(bundle: SubmissionBundle) -> zipfile.ZipFile:
    bundle.refresh_from_db()
    return zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number)))


def minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def test_weekly_cutoff_is_the_most_recent_friday_three_pm():
    tokyo = timezone.get_current_timezone()
    friday = dt.datetime(2026, 3, 6, 15, 0, tzinfo=tokyo)
    assert svc.weekly_cutoff(friday) == friday
    assert svc.weekly_cutoff(friday + dt.timedelta(days=3)) == friday  # Monday
    assert svc.weekly_cutoff(friday - dt.timedelta(minutes=1)) == friday - dt.timedelta(days=7)
    assert svc.bundle_number_for(friday) == "S20260306-1500"


def test_cases_approved_after_the_cut_off_wait_for_next_week(make_ready):
    cutoff = minute(timezone.now() - dt.timedelta(days=1))
    before = make_ready(2, approved_at=cutoff - dt.timedelta(hours=3))
    exactly = make_ready(1, approved_at=cutoff)
    late = make_ready(1, approved_at=cutoff + dt.timedelta(minutes=1))

    this_week = svc.bundle_build(cutoff_at=cutoff)
    assert live_items(this_week) == sorted(c.number for c in before + exactly)
    assert this_week.cutoff_at == cutoff and this_week.state == SubmissionBundle.State.DRAFT

    next_week = svc.bundle_build(cutoff_at=minute(timezone.now()))
    assert live_items(next_week) == [late[0].number]


def test_building_again_for_the_same_cut_off_reuses_the_draft(make_ready):
    cutoff = minute(timezone.now() - dt.timedelta(hours=1))
    first = make_ready(1, approved_at=cutoff - dt.timedelta(hours=1))
    bundle = svc.bundle_build(cutoff_at=cutoff)
    straggler = make_ready(1, approved_at=cutoff - dt.timedelta(minutes=5))  # its approval committed late
    again = svc.bundle_build(cutoff_at=cutoff + dt.timedelta(seconds=40))  # same minute, same bundle
    assert again.pk == bundle.pk and SubmissionBundle.objects.count() == 1
    assert live_items(again) == sorted([first[0].number, straggler[0].number])
    assert CaseEvent.objects.filter(action=CaseEvent.Action.BUNDLED, case=first[0]).count() == 1


def test_a_case_is_in_at_most_one_live_bundle(make_ready):
    (case,) = make_ready(1)
    bundle = svc.bundle_build(cutoff_at=minute(timezone.now()), assemble=False)
    other = SubmissionBundle.objects.create(number="S-OTHER", cutoff_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        BundleItem.objects.create(bundle=other, case=case)
    BundleItem.objects.create(bundle=other, case=case, live=False)  # a removed one may coexist
    # Another cut-off finds the case taken: with nothing else waiting, no bundle is made for it.
    with pytest.raises(svc.BundleNothingToSend):
        svc.bundle_build(cutoff_at=minute(timezone.now()) - dt.timedelta(minutes=1), assemble=False)
    assert live_items(bundle) == [case.number] and SubmissionBundle.objects.count() == 2


def test_the_future_is_not_a_cut_off():
    with pytest.raises(svc.BundleError, match="まだ来ていません"):
        svc.bundle_build(cutoff_at=timezone.now() + dt.timedelta(hours=1))
    assert not SubmissionBundle.objects.exists()


def test_the_zip_holds_manifest_data_csv_and_every_pdf(make_ready):
    cases = make_ready(2)
    bundle = svc.bundle_build(cutoff_at=minute(timezone.now()))
    with zip_of(bundle) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        dat = archive.read(f"data/{bundle.number}.dat")
        text = archive.read(f"data/{bundle.number}.csv")
        assert archive.read("transmittal.pdf").startswith(b"%PDF")
        assert archive.read("bundle_list.pdf").startswith(b"%PDF")
    for case in cases:
        assert f"cases/{case.number}/filing.pdf" in names
        assert f"cases/{case.number}/income.pdf" in names
    assert manifest["bundle"]["number"] == bundle.number and manifest["bundle"]["lg_code"] == "012041"
    assert manifest["counts"]["cases"] == 2
    assert manifest["counts"]["by_form"] == {
        "11": {"label": "国民年金保険料免除・納付猶予申請書", "count": 2}
    }
    assert manifest["sealed"] is None
    assert set(manifest["files"]) == set(names) - {"manifest.json"}

    records = file_decode(dat)
    assert [layout.record_type for layout, _ in records] == ["1", "2", "2", "3"]
    assert records[0][1]["送付番号"] == bundle.number
    assert records[-1][1]["データレコード件数"] == "0000002"
    # The CSV for people says exactly what the data file says, row for row.
    assert text.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows == [values for _layout, values in records[1:-1]]
    assert [row["整理番号"] for row in rows] == sorted(case.number for case in cases)


def test_rebuilding_gives_byte_identical_contents_and_matching_hashes(make_ready):
    make_ready(2)
    bundle = svc.bundle_build(cutoff_at=minute(timezone.now()))
    first = archive_read(name=bundle.archive, number=bundle.number)
    rebuilt = svc.bundle_assemble(bundle_id=bundle.pk)
    second = archive_read(name=rebuilt.archive, number=rebuilt.number)
    assert second == first
    assert rebuilt.archive_sha256 == bundle.archive_sha256 == sha256_hex(first)
    assert archive_verify(first) == []
    stored = json.loads(zipfile.ZipFile(io.BytesIO(first)).read("manifest.json"))
    assert stored == rebuilt.manifest


def test_a_case_document_missing_at_bundling_is_rendered_now_and_logged(make_ready, caplog):
    (case,) = make_ready(1, documents=False)
    with caplog.at_level(logging.WARNING, logger="cases.submission.bundle_documents"):
        bundle = svc.bundle_build(cutoff_at=minute(timezone.now()))
    with zip_of(bundle) as archive:
        assert archive.read(f"cases/{case.number}/filing.pdf").startswith(b"%PDF")
    assert f"case {case.pk}: filing was not rendered before bundling" in caplog.text


def test_a_case_that_does_not_fit_stops_the_zip_and_names_every_problem(make_ready, supervisor):
    _good, bad = make_ready(2)
    resident = bad.resident
    resident.kana_name = "アサヒ ㇰ"
    resident.save(update_fields=["kana_name"])
    with pytest.raises(svc.BundleError) as caught:
        svc.bundle_build(cutoff_at=minute(timezone.now()))
    assert f"整理番号 {bad.number}: カナ氏名" in str(caught.value)
    bundle = SubmissionBundle.objects.get()
    assert bundle.archive == "" and f"整理番号 {bad.number}" in bundle.job_error
    with pytest.raises(svc.BundleError, match="除外してから封緘"):
        seal(bundle=bundle, by=supervisor)

    svc.bundle_remove_case(bundle=bundle, case=bad, by=supervisor, reason="カナ氏名を住民記録で確認中")
    rebuilt = svc.bundle_assemble(bundle_id=bundle.pk)
    assert rebuilt.manifest["counts"]["cases"] == 1 and rebuilt.job_error == ""
