"""``{% provenance_parts text as parts %}``: a set's provenance note as its languages.

The shipped sets write the note in Vietnamese, then "— English:" and the same in
English. The page shows each part marked with its language (WCAG's language of parts),
so that a screen reader reads each part in its own language."""

from __future__ import annotations

from django import template

register = template.Library()

ENGLISH_PART = " — English:"


@register.simple_tag
def provenance_parts(text: str) -> list[tuple[str, str]]:
    """``[(language, text), …]``: the Vietnamese part, then the English one if any."""
    vietnamese, found, english = (text or "").partition(ENGLISH_PART)
    parts = [("vi", vietnamese.strip())]
    if found:
        parts.append(("en", "English:" + english))
    return [part for part in parts if part[1]]
