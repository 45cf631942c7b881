"""The bundle screens, as each role sees them."""

import datetime as dt
import hashlib
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from cases.common.date_display import date_show
from cases.kernel.models import Stage
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import bundles as svc
from cases.submission.models import BundleItem, SubmissionBundle
from tests.conftest import make_user
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_ready):
    cases = make_ready(2)
    return svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5)), cases


def test_the_nav_links_to_bundles_for_those_who_may_see_them(client, clerk, operator):
    client.force_login(clerk)
    assert 'href="/bundles/"' in client.get("/desk/").content.decode()
    client.force_login(operator)
    assert 'href="/bundles/"' not in client.get("/").content.decode()
    assert client.get("/bundles/").status_code == 403


def test_clerks_see_the_bundle_but_may_not_seal_remove_download_or_hand_over(client, clerk, draft):
    bundle, cases = draft
    client.force_login(clerk)
    assert client.get("/bundles/").status_code == 200
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert cases[0].number in page
    assert f"/bundles/{bundle.pk}/seal/" not in page and "/remove/" not in page and "/download/" not in page
    forbidden = [
        client.get(f"/bundles/{bundle.pk}/seal/"),
        client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on"}),
        client.get(f"/bundles/{bundle.pk}/cases/{cases[0].pk}/remove/"),
        client.post(f"/bundles/{bundle.pk}/cases/{cases[0].pk}/remove/", {"reason": "x"}),
        client.get(f"/bundles/{bundle.pk}/download/"),
        client.post(
            f"/bundles/{bundle.pk}/hand-over/",
            {
                "sent_on": timezone.localdate().isoformat(),
                "medium": "cd_r",
                "received_by": "旭川年金事務所 国民年金課",
            },
        ),
        client.post(f"/bundles/{bundle.pk}/rebuild/"),
        client.post("/bundles/build/"),
    ]
    assert [response.status_code for response in forbidden] == [403] * len(forbidden)
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and bundle.items.filter(live=True).count() == 2


def test_a_clerk_sees_only_the_cases_of_their_own_office(client, draft, other_office):
    bundle, cases = draft
    elsewhere = make_user("kamui-clerk", "clerk", other_office)
    client.force_login(elsewhere)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert cases[0].number not in page and "他の事務所の案件が 2 件" in page


def test_a_running_job_shows_its_progress_and_the_page_polls(client, supervisor, draft):
    """The page polls its progress instead of reloading itself (issue 11 M4: a reload renewed the
    session, so the idle logout never fired; tests/security/test_i11_idle_progress.py)."""
    bundle, _cases = draft
    SubmissionBundle.objects.filter(pk=bundle.pk).update(
        job="seal", job_total=40, job_done=10, job_beat_at=timezone.now()
    )
    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert f'data-poll-url="/bundles/{bundle.pk}/progress/"' in page
    assert '<progress max="40" value="10">' in page and "10 / 40" in page
    assert "封緘 (送付待ちの完了)" in page and f"/bundles/{bundle.pk}/seal/" not in page  # no second job

    SubmissionBundle.objects.filter(pk=bundle.pk).update(job="", job_error="ZIP の作成が止まりました")
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "data-poll-url" not in page and "<progress" not in page
    assert "ZIP の作成が止まりました" in page and "ZIP を再作成" in page


def test_removal_needs_a_reason(client, supervisor, draft, django_capture_on_commit_callbacks):
    bundle, (case, _other) = draft
    client.force_login(supervisor)
    url = f"/bundles/{bundle.pk}/cases/{case.pk}/remove/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "除外の理由を入力してください" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "本人から取下げの申出 (書面待ち)"})
    assert response.status_code == 302
    assert BundleItem.objects.get(case=case).live is False
    bundle.refresh_from_db()
    assert bundle.manifest["counts"]["cases"] == 1  # the ZIP was rebuilt without it
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "除外した案件" in page and "本人から取下げの申出 (書面待ち)" in page
    # The list counts it under 除外 while the bundle is still built (no 封緘日時 to compare with).
    row = client.get("/bundles/").content.decode().split(bundle.number, 1)[1].split("</tr>", 1)[0]
    cells = [cell.split(">", 1)[1].split("<", 1)[0].strip() for cell in row.split("<td")[1:]]
    assert cells[2:4] == ["1", "1"], cells


def test_the_removal_form_of_a_sealed_bundle_is_not_offered(client, supervisor, draft):
    """Exploratory test 2026-12-06: a bookmarked 除外 page of a sent bundle showed its form, and only the
    POST was refused. The page now says at once why, on the bundle's own page."""
    bundle, (case, _other) = draft
    SubmissionBundle.objects.filter(pk=bundle.pk).update(state=SubmissionBundle.State.SENT)
    client.force_login(supervisor)
    response = client.get(f"/bundles/{bundle.pk}/cases/{case.pk}/remove/", follow=True)
    assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)]
    page = response.content.decode()
    assert "案件を除外できるのは作成中の送付だけです" in page and 'name="reason"' not in page
    assert BundleItem.objects.get(case=case).live is True


def _reviewed(client, bundle) -> str:
    """The seal page's record of what the 係長 was shown (its hidden field)."""
    page = client.get(f"/bundles/{bundle.pk}/seal/").content.decode()
    return re.search(r'name="reviewed" value="([^"]+)"', page)[1]


def test_a_seal_confirmed_on_a_bundle_changed_since_it_was_shown_is_sent_back(
    client, supervisor, draft, office, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: a 係長 opened the seal page (six cases), another 係長 took one out,
    and the first ticked 「送付一覧の内容を確認しました」 and sealed five without a word. The confirmation
    is of what was shown: a change since sends the page back with the new counts."""
    bundle, (case, _other) = draft
    client.force_login(supervisor)
    reviewed = _reviewed(client, bundle)
    other = make_user("super2", "supervisor", office)
    with django_capture_on_commit_callbacks(execute=True):  # its ZIP made again, as the worker would
        svc.bundle_remove_case(bundle=bundle, case=case, by=other, reason="住所変更の確認待ち")
    response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": reviewed})
    page = response.content.decode()
    assert response.status_code == 400
    assert "確認した後に送付の内容が変わりました (確認時 2件、現在 1件)" in page
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT and bundle.job == ""
    # What the page shows now is what the next confirmation is of.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": _reviewed(client, bundle)}
        )
    assert response.status_code == 302
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.SEALED


def test_a_seal_without_the_record_of_what_was_shown_is_refused(client, supervisor, draft):
    bundle, _cases = draft
    client.force_login(supervisor)
    response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on"})
    assert response.status_code == 400 and "封緘の画面を開き直してください" in response.content.decode()
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.DRAFT


def test_sealing_from_the_screen_needs_confirmation_then_seals(
    client, supervisor, draft, django_capture_on_commit_callbacks
):
    bundle, cases = draft
    client.force_login(supervisor)
    assert "送付待ち」を完了" in client.get(f"/bundles/{bundle.pk}/seal/").content.decode()
    reviewed = _reviewed(client, bundle)
    response = client.post(f"/bundles/{bundle.pk}/seal/", {"reviewed": reviewed})
    assert (
        response.status_code == 400 and "内容を確認し、チェックを入れてください" in response.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": reviewed})
    assert response.status_code == 302
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.SEALED and bundle.job == ""
    for case in cases:
        case.refresh_from_db()
        assert case.stage == Stage.SENT
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "送付日を記録 (引渡)" in page and "/remove/" not in page
    # Sealed, the ZIP is fixed: no button makes it again (「ZIP を再作成」 after the seal page said the ZIP
    # was fixed confused a 係長, exploratory tests of 2026-12-05).
    assert "ZIP を再作成" not in page and "ZIP を作り直す" not in page
    assert f'action="/bundles/{bundle.pk}/rebuild/"' not in page

    response = client.post(
        f"/bundles/{bundle.pk}/hand-over/",
        {
            "sent_on": timezone.localdate().isoformat(),
            "medium": "cd_r",
            "received_by": "旭川年金事務所 国民年金課",
        },
    )
    assert response.status_code == 302
    bundle.refresh_from_db()
    assert bundle.state == SubmissionBundle.State.SENT


def test_download_is_the_recorded_zip_and_is_logged(client, supervisor, draft):
    bundle, cases = draft
    client.force_login(supervisor)
    response = client.get(f"/bundles/{bundle.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{bundle.number}.zip"'
    assert hashlib.sha256(response.content).hexdigest() == bundle.archive_sha256
    logged = AuditEntry.objects.filter(action=AuditAction.EXPORT, target=f"bundle:{bundle.number}")
    entry = logged.get(resident_id__isnull=True)  # the download; then one entry per person in the ZIP
    assert entry.actor_id == supervisor.pk and entry.detail["sha256"] == bundle.archive_sha256
    assert sorted(logged.exclude(pk=entry.pk).values_list("case_id", flat=True)) == sorted(
        c.pk for c in cases
    )


def test_a_hand_over_error_is_shown_in_japanese(client, supervisor, draft):
    bundle, _cases = draft
    client.force_login(supervisor)
    response = client.post(
        f"/bundles/{bundle.pk}/hand-over/",
        {
            "sent_on": timezone.localdate().isoformat(),
            "medium": "cd_r",
            "received_by": "旭川年金事務所 国民年金課",
        },
    )
    assert response.status_code == 400
    assert f"送付 {bundle.number} は「作成中」のため、「送付済」にはできません。" in response.content.decode()


def test_the_seal_and_hand_over_pages_of_a_bundle_already_sent_say_so_instead_of_a_form(
    client, supervisor, draft, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: after the 送付日 was recorded, the seal and hand-over pages still
    showed their forms (「取り消せません」), and sending the hand-over again said 「送付済のため、送付済には
    できません」. Each now says what happened and when."""
    bundle, _cases = draft
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": _reviewed(client, bundle)})
    today = timezone.localdate()
    assert (
        client.post(
            f"/bundles/{bundle.pk}/hand-over/",
            {"sent_on": today.isoformat(), "medium": "cd_r", "received_by": "旭川年金事務所 国民年金課"},
        ).status_code
        == 302
    )

    for page in ("seal", "hand-over"):
        response = client.get(f"/bundles/{bundle.pk}/{page}/", follow=True)
        assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)], page
        assert (
            f"送付 {bundle.number} は送付日を記録済みです (送付日 {date_show(today)})"
            in response.content.decode()
        )
    again = client.post(
        f"/bundles/{bundle.pk}/hand-over/",
        {"sent_on": today.isoformat(), "medium": "cd_r", "received_by": "旭川年金事務所 国民年金課"},
    )
    assert again.status_code == 400
    assert f"送付日を記録済みです (送付日 {date_show(today)})" in again.content.decode()


def test_the_off_cycle_bundle_message_gives_its_cut_off_in_wareki(client, supervisor, make_ready):
    make_ready(1)
    client.force_login(supervisor)
    response = client.post("/bundles/build/off-cycle/", follow=True)
    page = response.content.decode()
    assert "臨時送付 (締切 令和" in page and re.search(r"締切 \d{4}-\d{2}-\d{2}", page) is None


def test_the_seal_page_of_a_bundle_sealed_already_says_so_instead_of_a_form(
    client, supervisor, draft, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: between the seal and the 送付日, the seal page still offered its form
    (「取り消せません」); only its POST was refused. A seal that stopped halfway is still offered again."""
    bundle, _cases = draft
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bundles/{bundle.pk}/seal/", {"confirmed": "on", "reviewed": _reviewed(client, bundle)})
    response = client.get(f"/bundles/{bundle.pk}/seal/", follow=True)
    assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)]
    assert f"送付 {bundle.number} は封緘済みです" in response.content.decode()
    assert client.get(f"/bundles/{bundle.pk}/hand-over/").status_code == 200  # the next step is offered


@pytest.mark.parametrize(
    "state", [SubmissionBundle.State.RESULT_RECEIVED, SubmissionBundle.State.PARTIALLY_RETURNED]
)
def test_the_seal_and_hand_over_pages_after_the_results_say_when_it_was_sent(
    client, supervisor, draft, state
):
    """Regression walk 2026-12-06: the seal and hand-over pages of a bundle whose results had come back (結果受領,
    一部返戻) still showed their forms, whose POST was refused."""
    bundle, _cases = draft
    today = timezone.localdate()
    SubmissionBundle.objects.filter(pk=bundle.pk).update(state=state, sent_on=today)
    client.force_login(supervisor)
    for page in ("seal", "hand-over"):
        response = client.get(f"/bundles/{bundle.pk}/{page}/", follow=True)
        assert response.redirect_chain == [(f"/bundles/{bundle.pk}/", 302)], page
        assert f"送付日を記録済みです (送付日 {date_show(today)})" in response.content.decode()


@pytest.mark.parametrize("hand_over", [False, True], ids=["sealed", "sent"])
def test_a_rebuild_posted_for_a_sealed_bundle_is_refused_with_a_message_and_logged(
    client, supervisor, draft, hand_over
):
    """Exploratory tests of 2026-12-05: the sealed bundle still offered to make its ZIP again. The ZIP sealed
    is the record of what was sent (its SHA-256 on the bundle): a POST by hand is refused by the service,
    said on the page and kept in the access log as a refusal; nothing is queued and the ZIP stays."""
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs
    bundle, _cases = draft
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    if hand_over:
        bundle = svc.bundle_hand_over(
            bundle=bundle,
            by=supervisor,
            sent_on=timezone.localdate(),
            medium="cd_r",
            received_by="旭川年金事務所 国民年金課",
        )
    sealed = (bundle.archive, bundle.archive_sha256)
    client.force_login(supervisor)
    response = client.post(f"/bundles/{bundle.pk}/rebuild/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/bundles/{bundle.pk}/"
    assert "封緘した ZIP は確定しているため作り直せません" in page and "再作成を開始しました" not in page
    bundle.refresh_from_db()
    assert (bundle.archive, bundle.archive_sha256) == sealed and bundle.job == ""
    refusal = AuditEntry.objects.get(action=AuditAction.DENIED, target=f"/bundles/{bundle.pk}/rebuild/")
    assert refusal.actor_id == supervisor.pk and refusal.detail["reason"] == "bundle_sealed"
    assert "作り直せません" in refusal.detail["message"]
    with pytest.raises(svc.BundleStateError):
        svc.bundle_assemble_request(bundle=bundle, by=supervisor)


@pytest.mark.parametrize("fault", ["missing", "sha256"])
def test_a_sealed_bundles_zip_that_cannot_be_read_is_not_sent_to_a_rebuild_it_cannot_have(
    client, supervisor, draft, fault
):
    """The download's messages said 「ZIP を再作成してください」 whatever the state; once sealed the ZIP is
    not made again (the rebuild is refused), so a sealed bundle's lost or changed file is restored from
    the backup (operations.md, the media files)."""
    from cases.security.sealed_files import media_path

    bundle, _cases = draft
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    if fault == "missing":
        media_path(bundle.archive).unlink()
    else:
        SubmissionBundle.objects.filter(pk=bundle.pk).update(archive_sha256="0" * 64)
    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/download/", follow=True).content.decode()
    assert "バックアップから戻してください" in page and "ZIP を再作成してください" not in page
