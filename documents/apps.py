from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "帳票"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.common.documents import documents_port_install
        from documents import checks, sealed  # noqa: F401  (font checks; sealed stores for key rotation)
        from documents.port import PORT

        # cases/ asks for documents through this port; it never imports documents/ itself.
        documents_port_install(PORT)
