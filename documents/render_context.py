"""What a document's template gets at render time: its snapshot, the 個人番号 decrypted in memory, and
what only the stored row knows (documents/services.py renders it)."""

from django.utils import timezone, translation

from cases.kernel.casetypes import casetype_spec
from documents.models import Document
from documents.mynumber import mynumber_for_render
from documents.rendering import DOCUMENT_LANGUAGE


def _kind_label(document: Document) -> str:
    """The name printed in the footer: the case type's own for the kind (CaseTypeSpec.document_labels)."""
    label = Document.Kind(document.kind).label
    case_type = (document.context.get("case") or {}).get("case_type")  # every case snapshot holds it
    if case_type:
        label = casetype_spec(case_type).document_labels.get(document.kind, label)
    with translation.override(DOCUMENT_LANGUAGE):  # printed on the form itself
        return str(label)


def render_context(document: Document) -> dict:
    """The snapshot plus what only the stored row knows; the 個人番号 is decrypted here, in memory."""
    context = dict(document.context)
    if "mynumber" in context:
        # The person's own 開示 shows them their number whatever its use; every other form stops with it.
        use_stop_applies = document.kind != Document.Kind.DISCLOSURE
        context["mynumber"] = mynumber_for_render(context["mynumber"], use_stop_applies=use_stop_applies)
    context["doc"] = {
        "id": document.pk,
        "kind_label": _kind_label(document),
        "requested_on": timezone.localdate(document.requested_at).isoformat(),
    }
    return context
