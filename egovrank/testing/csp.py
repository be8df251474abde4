"""What a Content-Security-Policy without 'unsafe-inline' and 'unsafe-eval' would block
in a page (egovrank/core/csp.py): for the tests that scan rendered pages."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

__all__ = ["is_html_page", "policy_problems"]

# <script> types that are data, never run (json_script).
DATA_SCRIPTS = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster"}


class BlockedByThePolicy(HTMLParser):
    """Collects what a policy without 'unsafe-inline' and 'unsafe-eval' would block."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> (an inline event handler)")
            elif name == "style":
                self.found.append(f"<{tag} style=…> (an inline style)")
            elif name in URL_ATTRIBUTES and value.lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
            elif name.startswith(("hx-on", "data-hx-on")) or name in ("hx-vars", "data-hx-vars"):
                self.found.append(f"<{tag} {name}> (htmx evaluates it)")
            elif name in ("hx-trigger", "data-hx-trigger") and "[" in value:
                self.found.append(f"<{tag} hx-trigger={value!r}> (an event filter is evaluated)")
            elif name in ("hx-vals", "data-hx-vals") and value.startswith(("js:", "javascript:")):
                self.found.append(f"<{tag} {name}=js:…> (htmx evaluates it)")
        if tag == "style":
            self.found.append("<style> (an inline style sheet)")
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").lower() not in DATA_SCRIPTS:
                self._script = ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found.append(f"<script>{self._script.strip()[:60]}…</script> (an inline script)")
            self._script = None


def policy_problems(response: Any) -> list[str]:
    """The page's policy's shortcomings, then what in the page it would block."""
    policy = response.get("Content-Security-Policy", "")
    problems = []
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    if directives.get("default-src") != "'self'":
        problems.append(f"no default-src 'self' in the policy {policy!r}")
    for name in ("script-src", "style-src"):
        if "unsafe" in directives.get(name, "") or "*" in directives.get(name, ""):
            problems.append(f"{name} allows {directives[name]!r}")
    parser = BlockedByThePolicy()
    parser.feed(response.content.decode())
    return problems + parser.found


def is_html_page(response: Any) -> bool:
    return bool(response.get("Content-Type", "").startswith("text/html"))
