"""The signed-in person's notices: the list, opening one (which marks it read), and
marking them all read."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required, signed_in

from .access import access_notice, notices_of
from .actions import do_mark_all_read, do_mark_read

PER_PAGE = 50


@role_required(signed_in)
def notice_list(request: SignedInRequest) -> HttpResponse:
    notices = notices_of(request.user)
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/notice_list.html", {"page": page})


@require_POST
@role_required(signed_in)
def notice_read(request: SignedInRequest, pk: int) -> HttpResponse:
    notice = do_mark_read(access_notice(request.user, pk), actor=request.user)
    # Notices only hold links the app wrote; checked all the same, so a stored link can
    # never send anyone off the site.
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications:list")


@require_POST
@role_required(signed_in)
def notice_read_all(request: SignedInRequest) -> HttpResponse:
    if do_mark_all_read(actor=request.user):
        messages.success(request, _("All your notices are marked read."))
    return redirect("notifications:list")
