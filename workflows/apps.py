from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("業務フロー")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from workflows import flows  # noqa: F401  (each flow file registers its case types)
