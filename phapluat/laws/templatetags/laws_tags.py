from django import template
from django.utils.html import format_html

from ..models import EffectStatus
from ..parsing.model import KIND_LABELS

register = template.Library()


@register.simple_tag
def status_badge(document):
    status = document.current_status()
    return format_html('<span class="badge status-{}">{}</span>', status, EffectStatus(status).label)


@register.simple_tag
def toc_label(item: dict) -> str:
    label = f"{KIND_LABELS[item['kind']]} {item['number']}"
    return f"{label}. {item['heading']}" if item["heading"] else label
