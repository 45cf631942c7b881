"""A clerk's own requests for a 係長's approval to show a 個人番号 (cases/registry/reveal_approvals.py), for
their home: the walk of the ninth session found a clerk never told of the decision, trying the reveal again
to learn it. Listed: those still waiting, those approved and still usable (an approval holds for
APPROVAL_VALID_HOURS and is used up by its one reveal) and those refused within the same hours."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from cases.registry.models.reveals import RevealApproval
from cases.registry.reveals import APPROVAL_VALID_HOURS
from cases.security.models.users import User

SHOWN_AT_MOST = 20


def reveal_requests_of(user: User) -> list[RevealApproval]:
    since = timezone.now() - dt.timedelta(hours=APPROVAL_VALID_HOURS)
    State = RevealApproval.State
    return list(
        RevealApproval.objects.filter(requested_by=user)
        .filter(Q(state=State.PENDING) | Q(state__in=(State.APPROVED, State.REFUSED), decided_at__gte=since))
        .select_related("resident")
        .order_by("-requested_at")[:SHOWN_AT_MOST]
    )
