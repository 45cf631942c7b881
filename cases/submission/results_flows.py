"""Completing each flow's 結果待ち once its case has the result.

Completing a viewflow task costs some twenty queries, so a 10,000-line file cannot do it inside
its import and stay within seconds. The import commits the case stages; these jobs then complete
the flows, which route on that stage (入力 reopens input for the inputter, any other stage ends).
A sweep re-sends whatever a lost job left behind, as for the income attachment.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.jobs import job_send
from cases.kernel.models import Stage

logger = logging.getLogger(__name__)
CHUNK = 200  # case ids per job: a few seconds of work each


def results_flows_send(*, case_ids: list[int]) -> None:
    """Queues the flow completions once the caller's transaction commits."""
    for start in range(0, len(case_ids), CHUNK):
        job_send("cases.results_flows_advance", case_ids[start : start + CHUNK])


def results_flows_advance(*, case_ids: list[int]) -> int:
    """Completes 結果待ち for each case (each under its own flow lock). Safe to repeat."""
    from workflows.exemption import exemption_result_received

    done = 0
    for case_id in case_ids:
        try:
            done += exemption_result_received(case_id=case_id)
        except Exception:
            # One broken flow must not hold up the others; the sweep tries it again.
            logger.exception("results: flow of case %s not completed", case_id)
    return done


def results_flows_pending(*, older_than_minutes: int = 10) -> int:
    """Re-sends cases that have their result but whose flow still waits at 結果待ち."""
    from workflows.exemption import ExemptionFlow

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    case_ids = list(
        Task.objects.filter(
            flow_task=ExemptionFlow.await_result,
            status=STATUS.NEW,
            process__case__stage__in=[Stage.CLOSED, Stage.INPUT],
            process__case__stage_since__lt=cutoff,
        ).values_list("process__case__id", flat=True)
    )
    results_flows_send(case_ids=case_ids)
    return len(case_ids)
