"""The hand-over records the 媒体 and who received it (PIA II-5 提供 ⑥ 提供方法: 「電子記録媒体（フラッシュ
メモリを除く。）」「紙」). A USB flash memory is no choice: the PIA excludes it."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.models import CaseEvent
from cases.security.audit_present import reason_text
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db
State = SubmissionBundle.State


@pytest.fixture
def sealed(make_ready, supervisor):
    cases = make_ready(2)
    bundle = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    return bundle_seal(bundle=bundle, by=supervisor), cases


def post(client, bundle, **fields):
    data = {
        "sent_on": timezone.localdate().isoformat(),
        "medium": "cd_r",
        "received_by": "旭川年金事務所 山田",
    }
    data.update(fields)
    return client.post(f"/bundles/{bundle.pk}/hand-over/", {k: v for k, v in data.items() if v is not None})


def test_the_form_offers_no_flash_memory_and_says_why(client, supervisor, sealed):
    bundle, _cases = sealed
    client.force_login(supervisor)
    page = client.get(f"/bundles/{bundle.pk}/hand-over/").content.decode()
    assert 'name="medium"' in page and 'value="cd_r"' in page and 'value="paper"' in page
    assert "USB" not in page.split('name="medium"')[1].split("</select>")[0]
    assert "フラッシュメモリ" in page and 'name="received_by"' in page


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"medium": "usb"}, "媒体"),
        ({"medium": None}, "媒体を選んでください"),
        ({"received_by": None}, "受領者を入力してください"),
        ({"received_by": "山田 1234 5678 9012"}, "個人番号"),
    ],
)
def test_a_missing_or_flash_medium_or_receiver_changes_nothing(client, supervisor, sealed, fields, error):
    bundle, _cases = sealed
    client.force_login(supervisor)
    response = post(client, bundle, **fields)
    assert response.status_code == 400 and error in response.content.decode()  # the screen's refusal
    bundle.refresh_from_db()
    assert bundle.state == State.SEALED and bundle.sent_on is None


def test_the_service_refuses_a_flash_memory_too(supervisor, sealed):
    bundle, _cases = sealed
    for medium in ("usb", "flash", ""):
        with pytest.raises(svc.BundleError, match="媒体"):
            svc.bundle_hand_over(
                bundle=bundle, by=supervisor, sent_on=timezone.localdate(), medium=medium, received_by="山田"
            )
    with pytest.raises(svc.BundleError, match="受領者"):
        svc.bundle_hand_over(
            bundle=bundle, by=supervisor, sent_on=timezone.localdate(), medium="cd_r", received_by=" "
        )
    bundle.refresh_from_db()
    assert bundle.state == State.SEALED


def test_medium_and_receiver_are_recorded_shown_and_logged(client, supervisor, sealed):
    bundle, cases = sealed
    client.force_login(supervisor)
    assert post(client, bundle, medium="dvd_r").status_code == 302
    bundle.refresh_from_db()
    assert bundle.state == State.SENT
    assert (bundle.handed_over_medium, bundle.received_by) == ("dvd_r", "旭川年金事務所 山田")
    page = client.get(f"/bundles/{bundle.pk}/").content.decode()
    assert "DVD-R" in page and "旭川年金事務所 山田" in page
    event = CaseEvent.objects.get(case=cases[0], action=CaseEvent.Action.HANDED_OVER)
    assert "DVD-R" in event.text and "旭川年金事務所 山田" in event.text
    entry = AuditEntry.objects.get(
        action=AuditAction.EXPORT, target=f"bundle:{bundle.number}", case_id__isnull=True
    )
    assert entry.detail["medium"] == "dvd_r" and entry.detail["received_by"] == "旭川年金事務所 山田"
    assert "DVD-R" in reason_text(entry.detail) and "旭川年金事務所 山田" in reason_text(entry.detail)


def test_the_hand_over_page_of_a_draft_says_why_instead_of_a_form(client, supervisor, make_ready):
    """QA walk: the form opened for a bundle still 作成中 and was refused only on saving."""
    make_ready(1)
    draft = svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(supervisor)
    response = client.get(f"/bundles/{draft.pk}/hand-over/", follow=True)
    assert response.redirect_chain[-1][0] == f"/bundles/{draft.pk}/"
    assert "「作成中」のため、「送付済」にはできません" in response.content.decode()
