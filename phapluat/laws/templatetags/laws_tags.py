from django import template
from django.utils.html import format_html

from ..status_view import status_view

register = template.Library()


@register.simple_tag
def status_badge(document):
    view = status_view(document)
    return format_html('<span class="badge status-{}">{}</span>', view.code, view.label)


@register.inclusion_tag("laws/_status.html")
def status_block(document):
    """The status with its source and, when the library cannot vouch for it, where to check."""
    return {"document": document, "view": status_view(document)}


@register.simple_tag
def status_warning(document):
    """The badge only when the document is not law the library vouches for today (quiz explanations, lists)."""
    view = status_view(document)
    if view.is_current:
        return ""
    return format_html(' <span class="badge status-{}">{}</span>', view.code, view.label)
