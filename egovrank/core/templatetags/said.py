"""``{{ problem.message|said }}``: a message of the scoring core in the reader's language
(core/said.py)."""

from django import template

from egovrank.core.said import said as say

register = template.Library()


@register.filter
def said(message: object) -> str:
    return say(message)
