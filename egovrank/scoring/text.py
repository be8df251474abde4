"""Messages the core means to be translated, without Django: ``Text`` is the English
message that keeps its template and parameters, ``gettext_noop`` marks the template for
the app's catalogue. The app says them in its reader's language (core/said.py)."""

from __future__ import annotations

__all__ = ["Text", "gettext_noop"]


def gettext_noop(template: str) -> str:
    """Marks a message template for the app's catalogue (``makemessages`` finds it by this
    name); the core itself translates nothing and stays free of Django."""
    return template


class Text(str):
    """A message in English, as the command line and the logs read it, that keeps its
    template and parameters so that an interface can say it in its reader's language:
    ``gettext(text.template) % text.params`` (numbers formatted its way). Being a str,
    it goes wherever a message went."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Text:
        text = super().__new__(cls, template % params if params else template)
        text.template = template
        text.params = params
        return text

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (the cache, the worker processes) with its template, not as a bare str.
        return (_text, (self.template, self.params))


def _text(template: str, params: dict[str, object]) -> Text:
    return Text(template, **params)
