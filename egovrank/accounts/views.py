"""Signing in and out, passwords, and the administrator's pages for people."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.core.access import role_required
from egovrank.core.audit import history_of
from egovrank.core.clients import client_address
from egovrank.core.roles import Role

from . import actions, throttle
from .access import access_person, can_manage_people, people_visible_to
from .forms import PasswordLinkForm, PersonForm, RoleForm, SignInForm
from .lockout import locked_until
from .models import RoleAssignment, SignInThrottle, User
from .requests import SignedInRequest


class SignInView(auth_views.LoginView):
    """Django's sign-in page; a locked name is answered 429 with ``Retry-After``."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        return refused_if_locked(form, response)


def refused_if_locked(form: Any, response: HttpResponse) -> HttpResponse:
    """Give the page of a refused (locked) sign-in the status that says so."""
    retry_after = getattr(form, "retry_after", None)
    if retry_after is not None:
        response.status_code = 429
        response["Retry-After"] = str(retry_after)
    return response


sign_in = SignInView.as_view()


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """Django's admin sign-in with the app's lock-out (``admin.site.login_form``, set in
    ``accounts/admin.py``), answering a locked name 429 as the app's page does."""
    response = admin.site.login(request)
    form = (getattr(response, "context_data", None) or {}).get("form")
    return refused_if_locked(form, response)


sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


class PasswordLinkView(auth_views.PasswordResetView):
    """Django's "send me a link", throttled per e-mail address and per client address
    (``PASSWORD_RESET_MAX_REQUESTS`` within the lock-out period): a refusal is 429 with
    ``Retry-After``, the same whether or not the address belongs to anyone."""

    form_class = PasswordLinkForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        limit = settings.PASSWORD_RESET_MAX_REQUESTS
        keys = [
            (SignInThrottle.PASSWORD_LINK_CLIENT, client_address(self.request)),
            (SignInThrottle.PASSWORD_LINK_EMAIL, form.cleaned_data["email"]),
        ]
        # Counted first, in one statement each, so parallel requests cannot all slip
        # under the limit; the limit-th is still served.
        counts = [throttle.count(scope, key, limit) for scope, key in keys]
        if all(number <= limit for number in counts):
            return super().form_valid(form)
        until = max(
            (when for scope, key in keys if (when := throttle.refused_until(scope, key))),
            default=timezone.now(),
        )
        shown = formats.date_format(timezone.localtime(until), "SHORT_DATETIME_FORMAT")
        form.add_error(
            None,
            _("Too many password links asked for: try again after %(until)s.") % {"until": shown},
        )
        response = self.form_invalid(form)
        response.status_code = 429
        response["Retry-After"] = str(throttle.retry_after_seconds(until))
        return response


password_reset = PasswordLinkView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@role_required(can_manage_people)
def people_list(request: SignedInRequest) -> HttpResponse:
    people = people_visible_to(request.user).select_related("unit")
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    if query:
        people = people.filter(
            Q(username__icontains=query)
            | Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(unit__name__icontains=query)
        )
    if role in Role.values:
        people = people.filter(role_assignments__role=role).distinct()
    people = people.prefetch_related("role_assignments__unit")
    return render(
        request,
        "accounts/people_list.html",
        {"people": people, "query": query, "role": role, "roles": Role.choices},
    )


@role_required(can_manage_people)
def person_create(request: SignedInRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = actions.do_create_person(
            actor=request.user,
            password=data.pop("password", ""),
            **data,
        )
        if not person.has_usable_password() and actions.do_send_password_link(
            person, request, actor=request.user
        ):
            messages.success(request, _("Created. A link to choose a password was sent."))
        else:
            messages.success(request, _("Created."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "accounts/person_form.html", {"form": form})


@role_required(can_manage_people)
def person_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    before = actions.snapshot(person)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        actions.do_update_person(form.save(commit=False), actor=request.user, before=before)
        messages.success(request, _("Saved."))
        return redirect("people:detail", pk=person.pk)
    return _render_person(request, person, form, RoleForm())


@require_POST
@role_required(can_manage_people)
def role_grant(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _render_person(request, person, PersonForm(instance=person), form, status=400)
    actions.do_grant_role(
        person, form.cleaned_data["role"], form.cleaned_data["unit"], actor=request.user
    )
    messages.success(request, _("Role granted."))
    return redirect("people:detail", pk=person.pk)


def _render_person(
    request: HttpRequest, person: User, form: PersonForm, role_form: RoleForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "form": form,
            "role_form": role_form,
            "assignments": person.role_assignments.select_related("unit"),
            "locked_until": locked_until(person.username),
            "history": history_of(person)[:50],
        },
        status=status,
    )


@require_POST
@role_required(can_manage_people)
def role_revoke(request: SignedInRequest, pk: int, assignment_pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=person)
    actions.do_revoke_role(assignment, actor=request.user)
    messages.success(request, _("Role removed."))
    return redirect("people:detail", pk=person.pk)


@require_POST
@role_required(can_manage_people)
def person_unlock(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    actions.do_unlock(person, actor=request.user)
    messages.success(request, _("Unlocked: the person can sign in again."))
    return redirect("people:detail", pk=person.pk)


@require_POST
@role_required(can_manage_people)
def person_send_link(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    if actions.do_send_password_link(person, request, actor=request.user):
        messages.success(
            request,
            _("A link to choose a password was sent to %(email)s.") % {"email": person.email},
        )
    else:
        messages.error(
            request,
            _("No link sent: the person needs an e-mail address and must be able to sign in."),
        )
    return redirect("people:detail", pk=person.pk)
