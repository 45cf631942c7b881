"""作成中 → 封緘 → 送付済 → 結果受領 / 一部返戻, and nothing else."""

import itertools

import pytest
from django.utils import timezone

from cases.common.date_display import date_show
from cases.submission import bundles as svc
from cases.submission.models import SubmissionBundle
from workflows.submission import bundle_seal as seal

pytestmark = pytest.mark.django_db
State = SubmissionBundle.State


def test_the_transition_table_is_the_documented_machine():
    assert set(svc.TRANSITIONS) == {
        (State.DRAFT, State.SEALED),
        (State.SEALED, State.SENT),
        (State.SENT, State.RESULT_RECEIVED),
        (State.SENT, State.PARTIALLY_RETURNED),
    }


def test_every_legal_transition_in_order(make_ready, supervisor):
    make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now())
    assert bundle.state == State.DRAFT
    bundle = seal(bundle=bundle, by=supervisor)
    assert bundle.state == State.SEALED
    bundle = svc.bundle_hand_over(
        bundle=bundle,
        by=supervisor,
        sent_on=timezone.localdate(),
        medium="cd_r",
        received_by="旭川年金事務所 国民年金課",
    )
    assert bundle.state == State.SENT
    returned = SubmissionBundle.objects.create(number="S-R", cutoff_at=timezone.now(), state=State.SENT)
    assert svc.bundle_mark_result(bundle=bundle, partially_returned=False).state == State.RESULT_RECEIVED
    assert svc.bundle_mark_result(bundle=returned, partially_returned=True).state == State.PARTIALLY_RETURNED


OPERATIONS = {
    State.SENT: lambda bundle, user: svc.bundle_hand_over(
        bundle=bundle,
        by=user,
        sent_on=timezone.localdate(),
        medium="cd_r",
        received_by="旭川年金事務所 国民年金課",
    ),
    State.RESULT_RECEIVED: lambda bundle, user: svc.bundle_mark_result(
        bundle=bundle, partially_returned=False
    ),
    State.PARTIALLY_RETURNED: lambda bundle, user: svc.bundle_mark_result(
        bundle=bundle, partially_returned=True
    ),
    State.SEALED: lambda bundle, user: seal(bundle=bundle, by=user),
}
ILLEGAL = [
    (start, target)
    for start, target in itertools.product(State.values, OPERATIONS)
    if (start, target) not in svc.TRANSITIONS and not (start == target == State.SEALED)
]


@pytest.mark.parametrize(("start", "target"), ILLEGAL)
def test_every_illegal_transition_is_refused_in_japanese(start, target, supervisor):
    went = (State.SENT, State.RESULT_RECEIVED, State.PARTIALLY_RETURNED)
    sent_on = timezone.localdate() if start in went else None
    bundle = SubmissionBundle.objects.create(
        number="S-X", cutoff_at=timezone.now(), state=start, sent_on=sent_on
    )
    with pytest.raises(svc.BundleStateError) as caught:
        OPERATIONS[target](bundle, supervisor)
    if (
        start in went and target == State.SENT
    ):  # a second hand-over: said when it went (exploratory test 2026-12-06)
        assert str(caught.value) == f"送付 S-X は送付日を記録済みです (送付日 {date_show(sent_on)})。"
    else:
        assert str(caught.value) == (
            f"送付 S-X は「{State(start).label}」のため、「{State(target).label}」にはできません。"
        )
    bundle.refresh_from_db()
    assert bundle.state == start


@pytest.mark.parametrize("state", [s for s in State.values if s != State.DRAFT])
def test_cases_can_be_removed_only_from_a_draft(state, make_ready, supervisor):
    (case,) = make_ready(1)
    bundle = svc.bundle_build(cutoff_at=timezone.now(), assemble=False)
    SubmissionBundle.objects.filter(pk=bundle.pk).update(state=state)
    with pytest.raises(svc.BundleStateError, match="除外できるのは作成中の送付だけです"):
        svc.bundle_remove_case(bundle=bundle, case=case, by=supervisor, reason="確認のため")
    assert bundle.items.get().live is True


def test_a_sealed_and_finished_bundle_cannot_be_sealed_again(make_ready, supervisor):
    make_ready(1)
    bundle = seal(bundle=svc.bundle_build(cutoff_at=timezone.now()), by=supervisor)
    with pytest.raises(svc.BundleStateError, match="封緘済みです"):
        svc.bundle_seal_request(bundle=bundle, by=supervisor)
