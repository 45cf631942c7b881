import importlib
import pkgutil
from pathlib import Path

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _

# Modules every part of cases/ may carry, imported at start-up: `casetype` registers a case type's
# spec with the kernel, `sealed` registers data sealed with the keyring (for key rotation),
# `pension_rules` registers functions of `manage.py pension_rules`, `texts` the sentences
# it stores as code + parameters (cases/common/texts.py), `purge` what the retention purge must reach
# beyond the records (cases/registry/retention.py). A new part adds its own module; nothing here changes.
PLUGIN_MODULES = ("casetype", "sealed", "pension_rules", "texts", "purge")


def import_plugins(package, names=PLUGIN_MODULES) -> list[str]:
    found = []
    parts = sorted(
        (info for info in pkgutil.iter_modules(package.__path__) if info.ispkg), key=lambda i: i.name
    )
    for part in parts:
        # A part's modules are listed from its folder, without importing the part: the package
        # cases.admin registers pages when imported, and must be imported by the admin's autodiscover
        # only (after django_celery_beat's and viewflow's pages, which it replaces), not while models load.
        inside = {info.name for info in pkgutil.iter_modules([str(Path(part.module_finder.path, part.name))])}
        for name in names:
            if name in inside:
                module = f"{package.__name__}.{part.name}.{name}"
                importlib.import_module(module)
                found.append(module)
    return found


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("国民年金")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.common import pension_rules  # noqa: F401  (the common date rules)
        from cases.security import (
            authz,  # noqa: F401  (registers the nenkin.E101 check: every view guarded)
            key_rotation,  # noqa: F401  (registers the TOTP secrets' store)
            terminal_checks,  # noqa: F401  (registers the nenkin.E201/W201 deploy check)
        )
        from cases.security.db_roles import app_role_grant_after_migrate
        from cases.security.logging import redact_every_handler
        from cases.security.role_grants import groups_guard
        from cases.security.roles import roles_sync_after_migrate
        from cases.security.staff_names import staff_name_note
        from cases.security.superuser_log import superuser_after_save, superuser_before_save

        import_plugins(self.module)
        # Handlers made before Django configured logging (gunicorn's) get the 個人番号 filter too.
        redact_every_handler()
        # Roles are rebuilt from cases/security/roles.py after every migrate, so a new permission
        # reaches its groups without a hand-written data migration.
        post_migrate.connect(roles_sync_after_migrate, sender=self)
        # The application's database role gets its grants after every migrate (cases.security.db_roles).
        post_migrate.connect(app_role_grant_after_migrate, sender=self)
        # The システム管理者 role never joins casework or number use, whoever adds the group.
        m2m_changed.connect(groups_guard, sender=get_user_model().groups.through)
        # Each name staff are saved with, for the access log's 職員 filter (cases.security.staff_names).
        post_save.connect(staff_name_note, sender=get_user_model())
        # Making or unmaking a superuser, by any path, is in the access log (cases.security.superuser_log).
        pre_save.connect(superuser_before_save, sender=get_user_model())
        post_save.connect(superuser_after_save, sender=get_user_model())
