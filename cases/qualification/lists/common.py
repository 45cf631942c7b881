"""What the list screens share: the kinds of list and the filing each asks for, the permission, and the
dates a row states (cases/qualification/lists/)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.identifiers.wareki import age_reached_on
from cases.qualification.models import Event, FilingKind, QualificationList, QualificationListRow
from cases.security.models.users import User

Kind = QualificationList.Kind
Status = QualificationListRow.Status
Letter = QualificationListRow.Letter
PERMISSION = "cases.take_intake"
REMOVED = gettext_lazy("消除")  # a removal without its 異動事由


@dataclass(frozen=True)
class Expected:
    """The filing a list asks of the people on it."""

    kind: str
    event: str


EXPECTED = {
    Kind.EMPLOYEE_PENSION_LOSS: Expected(FilingKind.KIND_CHANGE, Event.LEAVE_EMPLOYEE_PENSION),
    Kind.AGE20_UNENROLLED: Expected(FilingKind.ACQUISITION, Event.AGE20),
}


def _require(user: User) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("勧奨の一覧を扱う権限がありません。"))


def listed_date(kind: str, event_date: dt.date | None) -> tuple[str, dt.date | None]:
    """The list's own date for a stored row, and its name: what the clerk compares with the paper and
    the letter quotes (the 厚生年金 loss date, the day after the stored last day employed; the
    20歳到達日 as stored). event_date_of's inverse."""
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        return _("厚生年金の資格喪失日"), event_date + dt.timedelta(days=1) if event_date else None
    return _("20歳到達日"), event_date


def event_date_of(kind: str, line) -> dt.date | None:
    """The fact's date the filing will state: the last day employed (the day before the 厚生年金 loss
    date on the list, 厚年法14条), or the 20歳到達日."""
    if kind == Kind.EMPLOYEE_PENSION_LOSS:
        return line.event_date - dt.timedelta(days=1)
    return age_reached_on(line.birth_date, 20)
