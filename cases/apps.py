from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("国民年金")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.registry import sealed as registry_sealed  # noqa: F401  (sealed stores for key rotation)
        from cases.security import (
            authz,  # noqa: F401  (registers the nenkin.E101 check: every view guarded)
            key_rotation,  # noqa: F401  (registers the TOTP secrets' store)
        )
        from cases.security.db_roles import app_role_grant_after_migrate
        from cases.security.logging import redact_every_handler
        from cases.security.role_grants import groups_guard
        from cases.security.roles import roles_sync_after_migrate
        from cases.submission import sealed as submission_sealed  # noqa: F401

        # Handlers made before Django configured logging (gunicorn's) get the 個人番号 filter too.
        redact_every_handler()
        # Roles are rebuilt from cases/security/roles.py after every migrate, so a new permission
        # reaches its groups without a hand-written data migration.
        post_migrate.connect(roles_sync_after_migrate, sender=self)
        # The application's database role gets its grants after every migrate (cases.security.db_roles).
        post_migrate.connect(app_role_grant_after_migrate, sender=self)
        # The システム管理者 role never joins casework or number use, whoever adds the group.
        m2m_changed.connect(groups_guard, sender=get_user_model().groups.through)
