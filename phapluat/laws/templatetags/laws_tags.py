from django import template
from django.utils.html import format_html

from ..models import EffectStatus

register = template.Library()


@register.simple_tag
def status_badge(document):
    status = document.current_status()
    return format_html('<span class="badge status-{}">{}</span>', status, EffectStatus(status).label)
