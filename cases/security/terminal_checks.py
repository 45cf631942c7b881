"""利用端末の制限 (PIA III-3 リスク2 「利用できる端末を管理」) is set per office: an office whose list of
terminal networks is blank accepts any address. `manage.py check --deploy --database default` stops with
an error (nenkin.E201) while an office where active staff work is left blank — the assessment's promise
would not hold for them — unless the city has said it runs open on purpose (NENKIN_OPEN_TERMINALS_OK=1,
docs/operations.md). Blank offices without staff, and every blank office of a city open on purpose, are a
warning (nenkin.W201): they still open the login screen to every address. The administrator's home page
names them too."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from cases.security.models.offices import Office
from cases.security.models.users import User


def offices_without_networks() -> list[Office]:
    return list(
        Office.objects.filter(allowed_networks="")
        .annotate(staffed=Exists(User.objects.filter(office=OuterRef("pk"), is_active=True)))
        .order_by("sort_order", "code")
    )


def _names(offices: list[Office]) -> str:
    return "、".join(office.name for office in offices)


@register(Tags.security, deploy=True)
def check_terminal_networks(app_configs=None, databases=None, **kwargs) -> list[CheckMessage]:
    """Only with a database to read (`--database default`): checks run before migrations too."""
    if not databases:
        return []
    try:
        open_offices = offices_without_networks()
    except DatabaseError:
        return []
    open_on_purpose = getattr(settings, "NENKIN_OPEN_TERMINALS_OK", False)
    staffed = [] if open_on_purpose else [office for office in open_offices if office.staffed]
    others = [office for office in open_offices if office not in staffed]
    messages: list[CheckMessage] = []
    if staffed:
        messages.append(
            Error(
                _(
                    "職員のいる事務所に利用端末のネットワークが設定されていません (どの端末からでも利用できます): %(names)s"
                )
                % {"names": _names(staffed)},
                hint=_(
                    "管理画面の「事務所」で端末のネットワーク (CIDR) を設定してください。端末を制限しない運用を市が"
                    "決めた場合に限り NENKIN_OPEN_TERMINALS_OK=1 を設定します (docs/operations.md)。"
                ),
                id="nenkin.E201",
            )
        )
    if others:
        messages.append(
            Warning(
                _(
                    "利用端末のネットワークが未設定の事務所があります (どの端末からでも利用できます): %(names)s"
                )
                % {"names": _names(others)},
                hint=_(
                    "管理画面の「事務所」で各事務所の端末のネットワーク (CIDR) を設定してください (docs/operations.md)。"
                ),
                id="nenkin.W201",
            )
        )
    return messages
