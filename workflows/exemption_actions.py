"""Each human step of the exemption flow as one call: run the cases service inside the task, under the
flow lock. The screens, the demo data and the tests all go through these."""

from viewflow.workflow.models import Task

from cases.exemption import services as svc
from cases.exemption.request import ExemptionRequest
from cases.registry.models.residents import Resident
from cases.security.models.users import User
from workflows import engine


def identity_record(*, task_id: int, user: User, documents: list[str], note: str = "", due_on=None) -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: svc.exemption_identity_record(
            case=case, actor=user, documents=documents, note=note, due_on=due_on
        ),
    )


def documents_outcome(*, task_id: int, user: User, received: bool, comment: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: svc.exemption_documents_outcome(
            case=case, actor=user, received=received, comment=comment
        ),
    )


def input_save(
    *,
    task_id: int,
    user: User,
    request: ExemptionRequest,
    declared: dict,
    spouse: Resident | None,
    householder: Resident | None,
    household_confirmed: bool,
) -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: svc.exemption_input_save(
            case=case,
            actor=user,
            request=request,
            declared=declared,
            spouse=spouse,
            householder=householder,
            household_confirmed=household_confirmed,
        ),
    )


def cross_check(*, task_id: int, user: User, matches: bool, reason: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: svc.exemption_cross_check(case=case, actor=user, matches=matches, reason=reason),
    )


def approval(*, task_id: int, user: User, approved: bool, reason: str = "") -> Task:
    return engine.task_complete(
        task_id=task_id,
        user=user,
        work=lambda case: svc.exemption_approval(case=case, actor=user, approved=approved, reason=reason),
    )


def declared_from_registry(resident: Resident) -> dict:
    """What an applicant who copied the 住民記録 exactly would have written (demo data, tests)."""
    return {
        "declared_kana_name": resident.kana_name,
        "declared_kanji_name": resident.kanji_name,
        "declared_birth_date": resident.birth_date,
        "declared_address": resident.address,
    }
