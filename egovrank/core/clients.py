"""Who is asking: the client's network address, for counting its requests."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_address"]


def client_address(request: HttpRequest) -> str:
    """The client's address: the proxy's ``X-Real-IP`` when ``TRUST_X_REAL_IP`` says
    the proxy alone reaches the app and sets that header itself (deploy/nginx.conf
    does); otherwise the connection's. Behind a proxy without it, every client would
    share the proxy's address, and one client's refusals would refuse them all."""
    if settings.TRUST_X_REAL_IP:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return str(forwarded)[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]
