"""The operators' one page: the health answer for load balancers and monitors."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import OK, checks


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when every check is ok, else 503 with the failing checks named. No sign-in:
    it tells nothing but what failed."""
    answers = checks()
    failing = [name for name, answer in answers.items() if answer != OK]
    return JsonResponse(
        {"status": "failing" if failing else "ok", "failing": failing, "checks": answers},
        status=503 if failing else 200,
    )
