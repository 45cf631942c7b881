"""After a 送付用 spelling is saved for a case in a draft bundle whose build stopped, the message says which
bundle's ZIP is to be made again (QA walk 2026-12-07: nothing pointed to 「ZIP を再作成」, and the bundle
stayed stopped): the 係長 who may rebuild it gets a link to the bundle's page, a clerk is told that a
本庁の係長 rebuilds it."""

import pytest

from cases.kernel.models import Case
from cases.registry.models.residents import Resident
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle

pytestmark = pytest.mark.django_db

UNCARRIED = "ヰノウエ ハナコ"  # ヰ has no half-width form: the data record cannot carry it


@pytest.fixture
def stopped(make_ready, supervisor):
    """A case whose name stopped its bundle's ZIP (the bundle's job_error set)."""
    [case] = make_ready()
    Resident.objects.filter(pk=case.resident_id).update(kana_name=UNCARRIED)
    with pytest.raises(svc.BundleError):
        svc.bundle_build_off_cycle(by=supervisor)
    bundle = SubmissionBundle.objects.get()
    assert bundle.job_error and bundle.state == SubmissionBundle.State.DRAFT
    return case, bundle


def saved(client, user, case: Case) -> str:
    client.force_login(user)
    response = client.post(
        f"/cases/{case.pk}/datafile-spelling/", {"kana_name": "イノウエ ハナコ"}, follow=True
    )
    page = response.content.decode()
    assert "送付用の表記を保存しました" in page
    assert Case.objects.get(pk=case.pk).sent_kana_name == "イノウエ ハナコ"
    return page


def test_the_supervisor_is_sent_to_the_bundle_to_rebuild_its_zip(client, supervisor, stopped):
    case, bundle = stopped
    page = saved(client, supervisor, case)
    assert f'<a href="/bundles/{bundle.pk}/">送付 {bundle.number} の ZIP を再作成してください</a>' in page


def test_a_clerk_is_told_a_supervisor_rebuilds_it(client, clerk, stopped):
    case, bundle = stopped
    page = saved(client, clerk, case)
    assert f"送付 {bundle.number} の ZIP は作成が止まったままです" in page
    assert "本庁の係長に「ZIP を再作成」を依頼してください" in page
    assert "の ZIP を再作成してください</a>" not in page


def test_nothing_is_said_of_a_bundle_that_did_not_stop(client, supervisor, stopped):
    case, bundle = stopped
    SubmissionBundle.objects.filter(pk=bundle.pk).update(job_error="")
    page = saved(client, supervisor, case)
    assert "ZIP を再作成してください" not in page and "作成が止まったまま" not in page
