"""``{{ problem.field|field_label }}``: a criteria file's field as people read it."""

from django import template

from egovrank.criteria.field_names import field_label as label

register = template.Library()


@register.filter
def field_label(name: str) -> str:
    return label(name)
