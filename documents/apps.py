from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "帳票"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from documents import checks  # noqa: F401  (registers the font checks)
