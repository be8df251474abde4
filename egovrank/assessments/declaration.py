"""The head's declaration that a submitted form is true: asked before every
submission and stored with it, so the signed report and the history say what the head
declared, in the words shown to them."""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = ["declaration_text", "declared"]


def declaration_text() -> str:
    """The declaration in the active language (the words the head ticks)."""
    return _("I declare that the figures and evidence in this self-assessment are true.")


def declared(value: object) -> bool:
    """Whether a posted checkbox (``on``/``yes``) or a JSON ``true`` accepts it."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in {"on", "yes", "true", "1"}
