from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "業務フロー"
    default_auto_field = "django.db.models.BigAutoField"
