"""The Content-Security-Policy of every HTML page: only the app's own files run.

Every script is a static file of the app (no inline script, no inline event handler, no
eval: a script injected into a page would not run), every style sheet too, and the
pages send forms and requests to this site only. The pages are built for it: no
template holds inline script or style (``tests/test_content_security_policy.py`` scans
every page), and HTMX is told not to evaluate anything or add a style of its own
(``htmx-config`` in ``templates/base.html``).

A response that already has a policy keeps it: the evidence download's sandbox, the
ranking widget's (this policy with the origins that may frame it).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

__all__ = ["POLICY", "ContentSecurityPolicyMiddleware", "policy"]

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # data: for the small images style sheets carry (the API documentation's icons).
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def policy(*extra: str) -> str:
    """The policy, with ``extra`` directives (``frame-ancestors …``) after it."""
    return "; ".join([*(f"{name} {value}" for name, value in DIRECTIVES.items()), *extra])


POLICY = policy()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # HTML only: a PDF shown by the browser's viewer must not get object-src 'none'.
        if "Content-Security-Policy" not in response and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            response["Content-Security-Policy"] = POLICY
        return response
