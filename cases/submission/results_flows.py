"""Queueing the completion of each flow's 結果待ち once its case has the result.

Completing a viewflow task costs some twenty queries, so a 10,000-line file cannot do it inside
its import and stay within seconds. The import commits the case stages; jobs then complete the
flows (tasks/cases.py → workflows/resume.py), which route on that stage (入力 reopens input for
the inputter, any other stage ends). A sweep re-sends whatever a lost job left behind.
"""

from cases.common.jobs import job_send

CHUNK = 200  # case ids per job: a few seconds of work each


def results_flows_send(*, case_ids: list[int]) -> None:
    """Queues the flow completions once the caller's transaction commits."""
    for start in range(0, len(case_ids), CHUNK):
        job_send("cases.results_flows_advance", case_ids[start : start + CHUNK])
