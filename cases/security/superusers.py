"""A Django superuser is the break-glass administrator of docs/operations.md (「First administrators」):
it holds what the システム管理者 role holds — the admin site, staff and offices — and never casework or
個人番号 use (PIA III-3 リスク2 「認可機能により利用可能な機能を制限」; docs/decisions.md §46).

Django would give it every permission. The withheld set is read from the role table, not written by hand:
every permission a role other than システム管理者 holds and that role does not. A permission added to a
casework role in cases/security/roles.py is withheld from superusers with no change here.
"""

from collections.abc import Iterable

from cases.security.roles import ADMIN, ROLES

SUPERUSER_WITHHELD: frozenset[str] = frozenset(
    perm for role in ROLES if role is not ADMIN for perm in role.permissions
) - frozenset(ADMIN.permissions)


def superuser_permissions_filter(user, perms: Iterable[str]) -> set[str]:
    """`perms` ("app_label.codename") without the withheld ones when `user` is a superuser. Applied
    whatever groups the superuser is in: a superuser is an administrator, and the role rules never let
    an administrator hold casework (cases.security.role_grants)."""
    if getattr(user, "is_superuser", False):
        return {perm for perm in perms if perm not in SUPERUSER_WITHHELD}
    return set(perms)
