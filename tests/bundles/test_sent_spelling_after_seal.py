"""The 送付用 spelling is the data file's alone, and a sealed ZIP is the record of what went to 機構
(docs/decisions.md 44): once the case's bundle is sealed — even while the seal is still moving its cases
(送付待ち beside a 封緘済 bundle) — or the case is past 送付待ち, the spelling is neither offered nor taken."""

import io
import zipfile

import pytest
from django.core.cache import cache

from cases.kernel.models import Case, CaseEvent, Stage
from cases.registry.models.residents import Resident
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import bundles
from cases.submission.faults import ENV, InjectedFault
from cases.submission.fixed_length import DATA, file_decode
from cases.submission.models import SubmissionBundle
from cases.submission.sendable import SpellingClosed, datafile_panel, datafile_spelling_set
from cases.submission.storage import archive_read
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db

ORIGINAL, GIVEN, LATER = "ヰノウエ カオリ", "イノウエ カオリ", "イノウエ カヲリ"


@pytest.fixture
def spelled(make_ready, clerk, supervisor):
    """A case at 送付待ち whose カナ氏名 the data file cannot carry, its 送付用 spelling given, in a draft."""
    [case] = make_ready()
    Resident.objects.filter(pk=case.resident_id).update(kana_name=ORIGINAL)
    case = Case.objects.select_related("resident").get(pk=case.pk)
    datafile_spelling_set(case=case, by=clerk, kana_name=GIVEN)
    bundles.bundle_build_off_cycle(by=supervisor)
    return Case.objects.select_related("resident").get(pk=case.pk), SubmissionBundle.objects.get()


def sealed_kana(bundle: SubmissionBundle) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number))) as archive:
        records = file_decode(archive.read(f"data/{bundle.number}.dat"))
    return [values["カナ氏名"] for layout, values in records if layout is DATA]


def unchanged(case: Case) -> bool:
    spelled = Case.objects.get(pk=case.pk)
    events = spelled.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING).count()
    return spelled.sent_kana_name == GIVEN and events == 1


def test_in_a_draft_bundle_the_spelling_may_still_change(spelled, clerk):
    case, bundle = spelled
    assert bundle.state == SubmissionBundle.State.DRAFT
    assert datafile_panel(user=clerk, case=case)["editable"]
    datafile_spelling_set(case=case, by=clerk, kana_name=LATER)
    assert Case.objects.get(pk=case.pk).sent_kana_name == LATER


def test_a_sent_case_refuses_its_spelling_and_the_sealed_file_keeps_what_went(spelled, clerk, supervisor):
    case, bundle = spelled
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    case = Case.objects.select_related("resident").get(pk=case.pk)
    assert case.stage == Stage.SENT

    with pytest.raises(SpellingClosed, match="送付用の表記は変更できません"):
        datafile_spelling_set(case=case, by=clerk, kana_name=LATER)
    with pytest.raises(SpellingClosed):
        datafile_spelling_set(case=case, by=clerk, kana_name="")  # nor taken back

    assert unchanged(case) and sealed_kana(bundle) == ["ｲﾉｳｴ ｶｵﾘ"]
    assert not datafile_panel(user=clerk, case=case)["editable"]


def test_a_case_waiting_beside_its_sealed_bundle_is_refused_too(spelled, clerk, supervisor, monkeypatch):
    """The seal marks the bundle 封緘 first, then moves its cases to 送付済: a seal stopped in between
    (bundle_seal.py, re-run from the bundle page) leaves the case at 送付待ち in a sealed bundle."""
    case, bundle = spelled
    monkeypatch.setenv(ENV, "bundle.seal:1:raise")
    with pytest.raises(InjectedFault):
        bundle_seal(bundle=bundle, by=supervisor)
    monkeypatch.delenv(ENV)
    bundle.refresh_from_db()
    case = Case.objects.select_related("resident").get(pk=case.pk)
    assert bundle.state == SubmissionBundle.State.SEALED and case.stage == Stage.READY_TO_SEND

    with pytest.raises(SpellingClosed, match=bundle.number):
        datafile_spelling_set(case=case, by=clerk, kana_name=LATER)
    assert unchanged(case) and not datafile_panel(user=clerk, case=case)["editable"]


def test_the_header_offers_no_box_after_the_seal_and_a_post_is_refused_and_logged(
    client, spelled, clerk, supervisor
):
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs
    case, bundle = spelled
    client.force_login(clerk)
    assert 'name="kana_name"' in client.get(f"/cases/{case.pk}/").content.decode()
    bundle_seal(bundle=bundle, by=supervisor)

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'name="kana_name"' not in page and "ヰノウエ カオリ → イノウエ カオリ" in page
    assert "この案件は「送付済」のため、送付用の表記は変更できません。" in page  # said instead of the box

    response = client.post(f"/cases/{case.pk}/datafile-spelling/", {"kana_name": LATER}, follow=True)

    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert "送付用の表記は変更できません" in response.content.decode()
    assert unchanged(case)
    refusal = AuditEntry.objects.get(action=AuditAction.DENIED, target=f"/cases/{case.pk}/datafile-spelling/")
    assert "送付用の表記は変更できません" in refusal.detail["message"]
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE, target="datafile_spelling").exists()
