"""取下げ at any stage before 送付, for every registered case type: the kernel's 取下げ (reason, stage
table, timeline) and the case's flow cancelled with its open tasks, in one transaction under the
flow lock — so nothing is left in an inbox or a queue, and a waiting job finds nothing to resume."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.kernel.models import Case
from cases.kernel.services import transition_check
from cases.kernel.stages import Stage
from cases.kernel.steps import stage_withdraw
from cases.security.models.users import User
from cases.submission.models import BundleItem
from workflows.casetypes import flow_of
from workflows.engine import flow_locked


def withdraw_allowed(case: Case) -> bool:
    """Whether the stage table lets this case be withdrawn now (until it is sent to 機構)."""
    try:
        transition_check(case=case, to_stage=Stage.WITHDRAWN)
    except ValidationError:
        return False
    return True


def _refuse_if_bundled(case: Case) -> None:
    item = BundleItem.objects.filter(case=case, live=True).select_related("bundle").first()
    if item is not None:
        raise ValidationError(
            _("この案件は送付 %(bundle)s に含まれています。係長が送付から除外してから取り下げてください。")
            % {"bundle": item.bundle.number}
        )


def case_withdraw(*, case_id: int, user: User, reason: str) -> Case:
    case = Case.objects.get(pk=case_id)
    if case.process_id is None:
        stage_withdraw(case=case, actor=user, reason=reason)
        return case
    flow_class = flow_of(case.case_type)
    with (
        flow_locked(flow_class, case.process_id),
        transaction.atomic(savepoint=False),
    ):  # the lock's transaction
        case = Case.objects.select_for_update(of=("self",)).select_related("process").get(pk=case_id)
        if not withdraw_allowed(case):
            raise ValidationError(
                _("この案件は「%(stage)s」のため取り下げられません (送付済のものは結果を待ちます)。")
                % {"stage": case.get_stage_display()}
            )
        _refuse_if_bundled(case)
        stage_withdraw(case=case, actor=user, reason=reason)
        # Every open task (a person's step, a wait for a job or the bundle) ends as cancelled.
        flow_class.instance.cancel(case.process)
    return case
