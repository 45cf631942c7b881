from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from cases.common.prepared import PreparedRead
from cases.common.shaped import ShapedQuery, rows_of
from cases.security.models.users import User
from cases.security.superusers import superuser_permissions_filter

# Every request reads its user and, at its first permission check, the user's own and their groups'
# permissions: compiled once per process (cases/common/prepared.py, shaped.py), the same rows as
# ModelBackend's querysets (tests/security/test_auth_backend_reads.py). Issue 15: a tenth of a desk list.
_USER = PreparedRead(lambda: User._default_manager.select_related("office"))


def _permissions(source: str, user_id: int | None = None):
    """A superuser's ("all", filtered by superuser_permissions_filter), the user's own, or their groups'."""
    if source == "all":
        found = Permission.objects.all()
    else:
        found = Permission.objects.filter(**{"user__id" if source == "user" else "group__user__id": user_id})
    return found.values_list("content_type__app_label", "codename").order_by()


_PERMISSIONS = ShapedQuery(_permissions)


class DeskBackend(ModelBackend):
    """The model backend, loading the user's office with the user: every screen shows it.

    A superuser gets every permission but casework and 個人番号 use (cases.security.superusers):
    ModelBackend's has_perm, has_module_perms and get_all_permissions all read the two methods below.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        # A backend instance serves one authenticate() call, so the request can ride along.
        self._request = request
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        finally:
            self._request = None

    def user_can_authenticate(self, user) -> bool:
        allowed = super().user_can_authenticate(user)
        request = getattr(self, "_request", None)
        if not allowed and request is not None:
            # Reached only once the password has matched: the login form may then say why the
            # ID is refused without hashing the password a second time (which would be measurable).
            request.nenkin_inactive_user = user
        return allowed

    def get_user(self, user_id):
        try:
            user = _USER.get(user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        """ModelBackend's, with its two reads compiled once (above); the same rules and cache."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache):
            source, values = ("all", {}) if user_obj.is_superuser else (from_name, {"user_id": user_obj.pk})
            statement = _PERMISSIONS.statement(source, **values)
            rows = rows_of(statement) if statement is not None else []
            setattr(user_obj, cache, {f"{app_label}.{codename}" for app_label, codename in rows})
        return getattr(user_obj, cache)

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, super().get_user_permissions(user_obj, obj))

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, super().get_group_permissions(user_obj, obj))

    # The async twins (Django's async views and auth); the project serves WSGI, but no path may differ.
    async def aget_user_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, await super().aget_user_permissions(user_obj, obj))

    async def aget_group_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, await super().aget_group_permissions(user_obj, obj))
