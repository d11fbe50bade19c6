from django import template
from django.utils.safestring import mark_safe

from gsoc.markdown import plain_summary, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Render user Markdown to sanitised HTML (gsoc.markdown)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter
def summary(text: str, length: int = 280) -> str:
    return plain_summary(text or "", length)
