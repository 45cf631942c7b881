from django.contrib.auth.backends import ModelBackend

from cases.models import User


class DeskBackend(ModelBackend):
    """The model backend, loading the user's office with the user: every screen shows it."""

    def get_user(self, user_id):
        user = User._default_manager.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
