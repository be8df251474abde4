"""``{{ event|described }}``: an audit event in the reader's language (core/history.py)."""

from django import template

from egovrank.core.history import described as describe_event
from egovrank.core.models import AuditEvent

register = template.Library()


@register.filter
def described(event: AuditEvent) -> str:
    return describe_event(event)
