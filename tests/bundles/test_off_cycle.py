"""臨時送付 and the 14-day clock (則9条): an off-cycle bundle any day takes every approved case and the next
Friday bundle only what came after; a past cut-off with nothing in it never becomes a bundle (nor an empty
送付書 for the operator); the bundle screen and the desk show the next cut-off and the cases it would send
late; `dispatch_weekly --now`. The same exactly-once guarantees as the weekly bundle."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.common.date_display import date_show
from cases.kernel.models import Case, CaseEvent
from cases.submission import bundle_collect
from cases.submission import bundles as svc
from cases.submission.faults import ENV, InjectedFault
from cases.submission.models import BundleItem, SubmissionBundle
from documents.selectors import documents_for_operator
from documents.snapshots import transmittal_snapshot
from tests.bundles.conftest import live_items
from tests.bundles.consistency import assert_exactly_once
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db


def last_thursday() -> dt.datetime:
    """15:00 on the Thursday before the most recent Friday cut-off (in the past whatever today is)."""
    return svc.weekly_cutoff() - dt.timedelta(days=1)


def test_an_off_cycle_bundle_on_a_thursday_takes_every_approved_case_and_friday_only_what_came_after(
    make_ready, supervisor
):
    thursday = last_thursday()
    early = make_ready(2, approved_at=thursday - dt.timedelta(days=3))
    morning = make_ready(1, approved_at=thursday - dt.timedelta(hours=5))
    evening = make_ready(1, approved_at=thursday + dt.timedelta(hours=3))  # after the 臨時送付

    off_cycle = svc.bundle_build_off_cycle(by=supervisor, cutoff_at=thursday)
    assert off_cycle.off_cycle and off_cycle.number == "R" + timezone.localtime(thursday).strftime(
        "%Y%m%d-%H%M"
    )
    assert live_items(off_cycle) == sorted(c.number for c in early + morning)
    off_cycle = bundle_seal(bundle=off_cycle, by=supervisor)
    assert off_cycle.manifest["bundle"]["off_cycle"] is True
    assert (
        transmittal_snapshot(bundle=off_cycle).context["bundle"]["off_cycle"] is True
    )  # 送付書 says 臨時送付

    friday = svc.bundle_build(cutoff_at=svc.weekly_cutoff(), by=supervisor)
    assert not friday.off_cycle and friday.number.startswith("S")
    assert live_items(friday) == [evening[0].number]
    friday = bundle_seal(bundle=friday, by=supervisor)
    assert friday.manifest["bundle"]["off_cycle"] is False
    assert_exactly_once(early + morning + evening, sealed=True)


def test_asking_twice_in_the_same_minute_is_the_same_off_cycle_bundle(make_ready, supervisor):
    # Two moments of one whole minute in the past: "now − 5 s" and a second later straddled a minute
    # boundary once a minute (two numbers, and the second ask found nothing left to send).
    minute = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=1)
    make_ready(2, approved_at=minute - dt.timedelta(hours=1))
    first = svc.bundle_build_off_cycle(by=supervisor, cutoff_at=minute + dt.timedelta(seconds=10))
    again = svc.bundle_build_off_cycle(by=supervisor, cutoff_at=minute + dt.timedelta(seconds=50))
    assert again.pk == first.pk and SubmissionBundle.objects.count() == 1


def test_an_off_cycle_build_that_dies_while_adding_cases_adds_the_rest_next_time(
    make_ready, supervisor, monkeypatch
):
    five = make_ready(5)
    monkeypatch.setattr(bundle_collect, "CHUNK", 2)
    monkeypatch.setenv(ENV, "bundle.collect:4:raise")
    cutoff = timezone.now()
    with pytest.raises(InjectedFault):
        svc.bundle_build_off_cycle(by=supervisor, cutoff_at=cutoff)
    assert BundleItem.objects.filter(live=True).count() == 2
    monkeypatch.delenv(ENV)
    bundle = svc.bundle_build_off_cycle(by=supervisor, cutoff_at=cutoff)
    assert SubmissionBundle.objects.count() == 1 and len(live_items(bundle)) == 5
    assert_exactly_once(five, sealed=False)


def test_only_a_supervisor_builds_an_off_cycle_bundle_and_never_an_empty_one(make_ready, clerk, supervisor):
    with pytest.raises(svc.BundleNothingToSend):
        svc.bundle_build_off_cycle(by=supervisor)
    make_ready(1)
    with pytest.raises(PermissionDenied):
        svc.bundle_build_off_cycle(by=clerk)
    with pytest.raises(svc.BundleError, match="未来"):
        svc.bundle_build_off_cycle(by=supervisor, cutoff_at=timezone.now() + dt.timedelta(hours=1))
    assert not SubmissionBundle.objects.exists()


def test_a_past_cut_off_with_nothing_in_it_is_never_created(client, supervisor):
    """The reported bug: 「今週分の送付を作成」 on a Thursday built last Friday's bundle with 0 cases."""
    with pytest.raises(svc.BundleNothingToSend):
        svc.bundle_build(cutoff_at=svc.weekly_cutoff())
    client.force_login(supervisor)
    page = client.post("/bundles/build/", follow=True).content.decode()
    assert "送付待ちの案件はありません" in page and "送付は作成しませんでした" in page
    assert not SubmissionBundle.objects.exists()
    # Both cut-offs in 和暦 as everywhere on the screen (they were 2026-12-04 15:00; exploratory test 2026-12-06).
    message = page.split("送付待ちの案件はありません", 1)[0].rsplit(">", 1)[1]
    assert re.search(r"締切 令和\d+年\d+月\d+日 15:00 までに", message), message
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.split("送付は作成しませんでした", 1)[1].split("<", 1)[0])


def test_an_emptied_bundle_s_transmittal_is_never_offered_to_the_operator(make_ready, supervisor):
    (case,) = make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    assert documents_for_operator().filter(bundle=bundle).exists()
    svc.bundle_remove_case(bundle=bundle, case=case, by=supervisor, reason="書類の不備")
    assert not documents_for_operator().filter(bundle=bundle).exists()


def test_dispatch_weekly_now_builds_an_off_cycle_bundle(make_ready, supervisor, capsys):
    ready = make_ready(2)
    call_command("dispatch_weekly", "--now", "--user", supervisor.username)
    out = capsys.readouterr().out
    bundle = SubmissionBundle.objects.get()
    assert bundle.off_cycle and f"送付番号: {bundle.number}" in out and "臨時送付の締切" in out
    assert live_items(bundle) == sorted(c.number for c in ready)
    call_command("dispatch_weekly", "--now", "--user", supervisor.username)  # run twice (cron, by hand)
    assert f"送付番号: {bundle.number}" in capsys.readouterr().out
    assert SubmissionBundle.objects.count() == 1 and BundleItem.objects.count() == 2
    with pytest.raises(CommandError, match="同時に指定できません"):
        call_command("dispatch_weekly", "--now", "--date", "2026-01-02", "--user", supervisor.username)


def test_the_screen_shows_the_next_cut_off_what_it_takes_and_what_it_would_send_late(
    client, make_ready, supervisor, django_capture_on_commit_callbacks
):
    (soon, late) = make_ready(2)
    next_cutoff = svc.next_cutoff()
    Case.objects.filter(pk=late.pk).update(send_due_on=timezone.localdate(next_cutoff) - dt.timedelta(days=1))
    Case.objects.filter(pk=soon.pk).update(send_due_on=timezone.localdate(next_cutoff) + dt.timedelta(days=5))
    client.force_login(supervisor)
    page = client.get("/bundles/").content.decode()
    assert date_show(next_cutoff) in page  # shown as every moment is: 令和8年12月4日 15:00
    assert soon.number in page and late.number in page and "次の定期送付では期限後" in page
    assert page.count("次の定期送付では期限後") == 1
    home = client.get("/desk/").content.decode()
    assert late.number in home and soon.number not in home

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bundles/build/off-cycle/", follow=True)
    assert "臨時送付" in response.content.decode()
    bundle = SubmissionBundle.objects.get()
    assert bundle.off_cycle and live_items(bundle) == sorted([soon.number, late.number])
    assert CaseEvent.objects.filter(action=CaseEvent.Action.BUNDLED, case=late).count() == 1
