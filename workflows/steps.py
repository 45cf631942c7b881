"""Each human step of every case flow as one call: the kernel's stage service (or the type's own, for
steps only one type has) run inside the task, under the flow lock. The screens, the demo data and the
tests all go through these, so there is one path per step."""

from viewflow.workflow.models import Task

from cases.kernel import steps as stages
from cases.security.models.users import User
from workflows import engine


def identity_record(*, task_id: int, user: User, documents: list[str], note: str = "", due_on=None) -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_identity_record(
            case=case, actor=user, documents=documents, note=note, due_on=due_on
        ),
    )


def documents_outcome(*, task_id: int, user: User, received: bool, comment: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_documents_outcome(
            case=case, actor=user, received=received, comment=comment
        ),
    )


def input_save(*, task_id: int, user: User, data) -> Task:
    """入力, with the type's own data object (e.g. cases.exemption.services.ExemptionInput)."""
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_input_done(case=case, actor=user, data=data),
    )


def input_papers_request(*, task_id: int, user: User, data, due_on=None, note: str = "") -> Task:
    """入力 → 書類不備 for the case's own missing papers (a type with an `input_store` hook)."""
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_input_papers_request(
            case=case, actor=user, data=data, due_on=due_on, note=note
        ),
    )


def cross_check(*, task_id: int, user: User, matches: bool, reason: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_cross_check(case=case, actor=user, matches=matches, reason=reason),
    )


def approval(*, task_id: int, user: User, approved: bool, reason: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: stages.stage_approval(case=case, actor=user, approved=approved, reason=reason),
    )


def type_step(*, task_id: int, user: User, service, **kwargs) -> Task:
    """A step only one type has (e.g. 対応 and 回答 of a resident request): its own service."""
    return engine.task_complete(
        task_id=task_id, user=user, work=lambda case: service(case=case, actor=user, **kwargs)
    )
