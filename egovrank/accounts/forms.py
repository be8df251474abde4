"""Forms for signing in and for the administrator's management of people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from egovrank.core.roles import UNIT_BOUND_ROLES, Role
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit

from . import lockout
from .models import User

__all__ = ["AdminSignInForm", "PasswordLinkForm", "PersonForm", "RoleForm", "SignInForm"]


class LockedOutForm(AuthenticationForm):
    """Django's sign-in form with the lock-out in front of it: each attempt is counted
    before its password is checked (``lockout.begin_attempt``), so parallel attempts
    check no more passwords than the limit allows. A refusal sets ``retry_after``
    (seconds) for the view's 429 answer."""

    error_messages = {
        "invalid_login": _(
            "The user name or password is not correct. "
            "%(attempts_left)s attempt(s) left before the account is locked for a while."
        ),
        "inactive": _("This account is disabled. Ask the administrator."),
        "locked": _(
            "Too many failed sign-ins: this account is locked until %(until)s. "
            "Try again later, or ask the administrator to unlock it."
        ),
    }
    retry_after: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django sets the user name's max_length after the field was built, without
        # its validator: a 100,000-character name would reach the database and the
        # lock-out. Refuse it as the field's own length error instead.
        username = self.fields["username"]
        assert isinstance(username, forms.CharField) and username.max_length is not None
        username.validators.append(validators.MaxLengthValidator(username.max_length))

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        if username and password:
            try:
                attempt = lockout.begin_attempt(username)
            except lockout.Locked as locked:
                self.retry_after = locked.retry_after_seconds
                raise self._locked(locked.until) from None
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                left = attempt.failed()
                if left == 0:
                    until = lockout.locked_until(username)
                    if until is not None:
                        self.retry_after = lockout.Locked(until).retry_after_seconds
                        raise self._locked(until)
                raise ValidationError(
                    self.error_messages["invalid_login"],
                    code="invalid_login",
                    params={"attempts_left": left},
                )
            attempt.succeeded()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def _locked(self, until: Any) -> ValidationError:
        when = formats.date_format(timezone.localtime(until), "SHORT_DATETIME_FORMAT")
        return ValidationError(self.error_messages["locked"], code="locked", params={"until": when})


class SignInForm(LockedOutForm):
    """The app's sign-in page."""


class AdminSignInForm(LockedOutForm, AdminAuthenticationForm):
    """Django's admin sign-in (``/admin/login/``) under the same lock-out: the same
    count for the same name, whichever page the guesses come through."""

    error_messages = {
        **LockedOutForm.error_messages,
        "not_staff": AdminAuthenticationForm.error_messages["invalid_login"],
    }

    def confirm_login_allowed(self, user: Any) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not user.is_staff:
            raise ValidationError(
                self.error_messages["not_staff"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class PasswordLinkForm(PasswordResetForm):
    """Django's reset form, also for people who have not chosen a password yet: an
    account the administrator created waits for its first password, and a lost first
    mail must not leave it stuck."""

    def get_users(self, email: str) -> Iterator[User]:
        people = User.objects.filter(email__iexact=email, is_active=True)
        return (person for person in people if person.email.casefold() == email.casefold())


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in the stubs
    """A person's details as the administrator edits them; a new person may get a
    first password here, or a link by e-mail to choose one."""

    password = forms.CharField(
        label=_("First password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to send the person a link to choose their own password."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone", "unit", "is_active"]
        labels = {"is_active": _("Can sign in")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Unit.objects.select_related("block").order_by("code")
        if self.instance.pk is not None:
            del self.fields["password"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        if password:
            password_validation.validate_password(password, self.instance)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None and not cleaned.get("password") and not cleaned.get("email"):
            self.add_error(
                "email", _("Give an e-mail address to send the link to, or a first password.")
            )
        return cleaned


class RoleForm(forms.Form):
    """Grant one role; unit-bound roles name their unit (a district for a district
    reviewer)."""

    # No role is preselected: granting the administrator's role must be a choice.
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Role.choices])
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.order_by("code"),
        required=False,
        help_text=_("Needed for a district reviewer (the district), a unit officer or head."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role, unit = cleaned.get("role"), cleaned.get("unit")
        if role in UNIT_BOUND_ROLES and unit is None:
            self.add_error("unit", _("This role acts for one unit: choose it."))
        if role not in UNIT_BOUND_ROLES and unit is not None:
            self.add_error("unit", _("This role covers the whole province: leave the unit empty."))
        if role == Role.DISTRICT_REVIEWER and unit is not None and unit.kind != UnitKind.DISTRICT:
            self.add_error("unit", _("A district reviewer is bound to a district."))
        return cleaned
