"""Background steps of the case flows. Each takes ids, is safe to run twice, and runs after commit."""

from celery import shared_task


@shared_task(name="cases.income_attach", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def income_attach(case_id: int) -> None:
    from cases.exemption.income_attachment import exemption_income_attach
    from workflows.resume import flows_resume

    exemption_income_attach(case_ids=[case_id])
    flows_resume([case_id], "attach_income")


@shared_task(name="cases.income_attach_pending")
def income_attach_pending() -> int:
    """Sweeps cases whose attachment never ran (worker down, broker lost): the flow must not stall."""
    from workflows.resume import income_attach_pending as pending

    return pending()


@shared_task(name="cases.deadlines")
def deadlines() -> dict:
    from cases.kernel.deadlines import approvals_escalate_overdue, documents_remind_overdue

    return {"escalated": approvals_escalate_overdue(), "reminded": documents_remind_overdue()}


@shared_task(
    name="cases.results_flows_advance", autoretry_for=(Exception,), retry_backoff=True, max_retries=5
)
def results_flows_advance(case_ids: list[int]) -> int:
    """Completes 結果待ち of each case once 機構's result is recorded (返戻 reopens 入力)."""
    from cases.kernel.stages import WAIT_RESULT
    from workflows.resume import flows_resume_each

    return flows_resume_each(case_ids, WAIT_RESULT)


@shared_task(name="cases.results_flows_pending")
def results_flows_pending() -> int:
    """Sweeps cases whose result was imported but whose flow job never ran."""
    from workflows.resume import results_flows_pending as pending

    return pending()
