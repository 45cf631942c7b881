"""利用端末の制限 (PIA III-3 リスク2 「不要な端末からの利用ができないような制限」) is set per office: an office
whose list of terminal networks is blank accepts any address. A production system must not run that way
without someone noticing: `manage.py check --deploy --database default` warns (nenkin.W201), and the
administrator's home page names the offices."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils.translation import gettext as _

from cases.security.models.offices import Office


def offices_without_networks() -> list[Office]:
    return list(Office.objects.filter(allowed_networks="").order_by("sort_order", "code"))


@register(Tags.security, deploy=True)
def check_terminal_networks(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """Only with a database to read (`--database default`): checks run before migrations too."""
    if not databases:
        return []
    try:
        open_offices = offices_without_networks()
    except DatabaseError:
        return []
    if not open_offices:
        return []
    names = "、".join(office.name for office in open_offices)
    return [
        Warning(
            _("利用端末のネットワークが未設定の事務所があります (どの端末からでも利用できます): %(names)s")
            % {"names": names},
            hint=_(
                "管理画面の「事務所」で各事務所の端末のネットワーク (CIDR) を設定してください (docs/operations.md)。"
            ),
            id="nenkin.W201",
        )
    ]
