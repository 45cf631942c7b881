"""Moving a case's flow on when the world answers: the bundle was sealed (送付待ち), 機構's result came
(結果待ち), the income attachment is ready. One generic function for every case type: the flow of a
case is found from its process, and the node by the name every flow gives it (cases/kernel/stages.py
WAIT_DISPATCH, WAIT_RESULT; the exemption flow's attach_income).

The cases services that need it get it handed in (bundle_seal) or queue a job that calls it
(tasks/cases.py): cases/ never imports workflows/.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.jobs import job_send
from cases.kernel.models import Case
from cases.kernel.stages import WAIT_RESULT, Stage
from cases.submission.results_flows import results_flows_send
from workflows.bulk import handles_complete
from workflows.casetypes import flow_of, flows
from workflows.engine import handle_run

logger = logging.getLogger(__name__)


def flows_resume(case_ids: list[int], node_name: str) -> int:
    """Completes the waiting `node_name` Handle of each case's flow (each under its own flow lock).
    Returns how many moved on; a case whose flow already did is skipped (safe to repeat). A case
    whose type has no flow raises FlowNotRegistered rather than leaving it silently stalled."""
    done = 0
    cases = Case.objects.filter(pk__in=case_ids, process__isnull=False).values_list("process_id", "case_type")
    for process_id, case_type in cases:
        node = getattr(flow_of(case_type), node_name)
        done += handle_run(process_id=process_id, node=node)
    return done


def flows_resume_each(case_ids: list[int], node_name: str) -> int:
    """All at once (workflows/bulk.py); if that fails, one by one so that one broken flow does not
    hold up the others (the sweep retries it)."""
    try:
        return handles_complete(case_ids, node_name)
    except Exception:
        logger.exception("bulk completion at %s failed; moving the flows one by one", node_name)
    done = 0
    for case_id in case_ids:
        try:
            done += flows_resume([case_id], node_name)
        except Exception:
            logger.exception("flow of case %s not resumed at %s", case_id, node_name)
    return done


def flows_waiting(node_name: str, *, older_than: timedelta, stages=None) -> list[int]:
    """Cases whose flow has waited at `node_name` longer than `older_than` — since the wait began, or,
    with `stages`, since the case reached one of them (its stage says the flow should have moved)."""
    nodes = [getattr(flow, node_name) for flow in flows() if hasattr(flow, node_name)]
    cutoff = timezone.now() - older_than
    waiting = Task.objects.filter(flow_task__in=nodes, status=STATUS.NEW)
    if stages is None:
        waiting = waiting.filter(created__lt=cutoff)
    else:
        waiting = waiting.filter(process__case__stage__in=list(stages), process__case__stage_since__lt=cutoff)
    return list(waiting.values_list("process__case__id", flat=True))


def results_flows_pending(*, older_than_minutes: int = 10) -> int:
    """Re-sends the flow jobs of cases that have 機構's result but still wait at 結果待ち (a lost job)."""
    case_ids = flows_waiting(
        WAIT_RESULT, stages=(Stage.CLOSED, Stage.INPUT), older_than=timedelta(minutes=older_than_minutes)
    )
    results_flows_send(case_ids=case_ids)
    return len(case_ids)


def income_attach_pending(*, older_than_minutes: int = 10) -> int:
    """Re-sends the income-attachment jobs that never ran (worker down, broker lost)."""
    case_ids = flows_waiting("attach_income", older_than=timedelta(minutes=older_than_minutes))
    for case_id in case_ids:
        job_send("cases.income_attach", case_id)
    return len(case_ids)
