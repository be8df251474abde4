"""The account pages for personal API tokens: list, create (the secret is shown once,
on the page that answers the creation, and never again), rename and revoke. Every
signed-in person manages their own tokens; anyone else's answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required, signed_in

from .access import access_token, tokens_of
from .actions import do_create_token, do_rename_token, do_revoke_token
from .forms import TokenNameForm


def _render(
    request: HttpRequest, *, status: int = 200, form: TokenNameForm | None = None, **extra: Any
) -> HttpResponse:
    context = {
        "tokens": tokens_of(request.user),
        "form": form or TokenNameForm(),
        **extra,
    }
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@role_required(signed_in)
def token_list(request: SignedInRequest) -> HttpResponse:
    """The person's tokens; a POST creates one and shows its secret this once."""
    if request.method != "POST":
        return _render(request)
    form = TokenNameForm(request.POST)
    if not form.is_valid():
        return _render(request, status=400, form=form)
    token, secret = do_create_token(request.user, form.cleaned_data["name"], actor=request.user)
    return _render(request, created=token, secret=secret)


@require_POST
@role_required(signed_in)
def token_rename(request: SignedInRequest, pk: int) -> HttpResponse:
    token = access_token(request.user, pk)
    form = TokenNameForm(request.POST, prefix_id=f"rename_{pk}")
    if not form.is_valid():
        return _render(request, status=400, rename_failed=token, rename_form=form)
    do_rename_token(token, form.cleaned_data["name"], actor=request.user)
    messages.success(request, _("The token is renamed."))
    return redirect("api_tokens:list")


@require_POST
@role_required(signed_in)
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = access_token(request.user, pk)
    do_revoke_token(token, actor=request.user)
    messages.success(
        request,
        _("The token “%(name)s” is revoked: it no longer opens anything.") % {"name": token.name},
    )
    return redirect("api_tokens:list")
