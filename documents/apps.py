import importlib
import importlib.util

from django.apps import AppConfig


def type_documents_import() -> list[str]:
    """A case type's documents (its 届書 content builder, registered with documents.filing) live in
    `documents/<type code>.py`, imported here for every registered type: a new type adds its module,
    nothing here changes."""
    from cases.kernel.casetypes import casetype_specs

    found = []
    for spec in casetype_specs():
        module = f"documents.{spec.code}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
            found.append(module)
    return found


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "帳票"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.common.documents import documents_port_install
        from documents import checks, sealed  # noqa: F401  (font checks; sealed stores for key rotation)
        from documents.port import PORT

        type_documents_import()
        # cases/ asks for documents through this port; it never imports documents/ itself.
        documents_port_install(PORT)
