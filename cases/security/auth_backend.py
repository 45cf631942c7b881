from django.contrib.auth.backends import ModelBackend

from cases.security.models.users import User
from cases.security.superusers import superuser_permissions_filter


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
        user = User._default_manager.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, super().get_user_permissions(user_obj, obj))

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, super().get_group_permissions(user_obj, obj))

    # The async twins (Django's async views and auth); the project serves WSGI, but no path may differ.
    async def aget_user_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, await super().aget_user_permissions(user_obj, obj))

    async def aget_group_permissions(self, user_obj, obj=None) -> set[str]:
        return superuser_permissions_filter(user_obj, await super().aget_group_permissions(user_obj, obj))
