"""Names of documents and their states on the screens, in the UI language (the forms stay Japanese)."""

from django import template

from documents.selectors import document_kind_label, document_status_label

register = template.Library()


@register.filter
def document_kind(kind: str) -> str:
    return document_kind_label(kind)


@register.filter
def document_status(status: str) -> str:
    return document_status_label(status)
