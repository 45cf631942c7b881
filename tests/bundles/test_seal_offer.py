"""The seal is not offered for a draft whose ZIP failed or is not there (QA walk 2026-12-07): the seal
page showed 「封緘する」 with no word of the bundle's error, and the refusal came only after ticking
and sending. The page now shows the error and the reason instead of the button; the server refuses as
before (the data file's record check) and also while the ZIP is missing, failed or being made."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.registry.models.residents import Resident
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle

pytestmark = pytest.mark.django_db

UNCARRIED = "ヰノウエ ハナコ"  # ヰ has no half-width form: the data record cannot carry it
PROBLEM = "半角で表せない文字「ヰ」"
BUTTON = "封緘する</button>"
REBUILD_FIRST = "「ZIP を再作成」で"


def seal_page(client, bundle) -> tuple[int, str]:
    response = client.get(f"/bundles/{bundle.pk}/seal/")
    return response.status_code, response.content.decode()


def refused_post(client, bundle) -> str:
    mark = svc.bundle_contents_mark(svc.live_case_ids(bundle))
    response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": mark})
    assert response.status_code == 400
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and bundle.job == "" and bundle.sealed_at is None
    return response.content.decode()


def test_a_draft_whose_zip_failed_shows_its_error_and_offers_no_seal(client, make_ready, supervisor):
    [case] = make_ready()
    Resident.objects.filter(pk=case.resident_id).update(kana_name=UNCARRIED)
    with pytest.raises(svc.BundleError):
        svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    bundle = SubmissionBundle.objects.get()
    assert bundle.job_error and bundle.archive == ""
    client.force_login(supervisor)

    status, page = seal_page(client, bundle)
    assert status == 200
    assert "前回の処理でエラーがありました" in page and PROBLEM in page and f"整理番号 {case.number}" in page
    assert "前回の処理が止まっています" in page and REBUILD_FIRST in page
    assert BUTTON not in page and 'name="confirmed"' not in page

    detail = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert f"/bundles/{bundle.pk}/seal/" not in detail and "前回の処理が止まっています" in detail
    assert "ZIP を再作成" in detail  # the way on stays offered

    assert "前回の処理が止まっています" in refused_post(client, bundle)  # a stale tab's POST


def test_a_draft_with_a_zip_whose_seal_check_failed_offers_no_seal(client, make_ready, supervisor):
    """The seal's own record check stopped (job_error on a draft that has its ZIP): not offered again
    until 「ZIP を再作成」 has passed the same check."""
    make_ready()
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    SubmissionBundle.objects.filter(pk=bundle.pk).update(job_error=f"整理番号 X: カナ氏名 — {PROBLEM}")
    client.force_login(supervisor)

    status, page = seal_page(client, bundle)
    assert status == 200 and PROBLEM in page and BUTTON not in page and REBUILD_FIRST in page
    refused_post(client, bundle)


def test_a_draft_without_a_zip_offers_no_seal(client, make_ready, supervisor):
    make_ready()
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5), assemble=False)
    client.force_login(supervisor)

    status, page = seal_page(client, bundle)
    assert status == 200 and "ZIP がありません" in page and REBUILD_FIRST in page and BUTTON not in page
    assert f"/bundles/{bundle.pk}/seal/" not in client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "ZIP がありません" in refused_post(client, bundle)


def test_a_draft_whose_zip_is_being_made_offers_no_seal(client, make_ready, supervisor):
    make_ready()
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    SubmissionBundle.objects.filter(pk=bundle.pk).update(job="assemble", job_beat_at=timezone.now())
    client.force_login(supervisor)

    status, page = seal_page(client, bundle)
    assert status == 200 and "処理中です" in page and BUTTON not in page


def test_a_draft_with_its_zip_is_offered_for_sealing(client, make_ready, supervisor):
    make_ready()
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(supervisor)

    status, page = seal_page(client, bundle)
    assert status == 200 and BUTTON in page and 'name="confirmed"' in page
    assert "前回の処理でエラーがありました" not in page and REBUILD_FIRST not in page
    assert f"/bundles/{bundle.pk}/seal/" in client.get(f"/bundles/{bundle.pk}/").content.decode()
