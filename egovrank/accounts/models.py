"""People (users), the roles they hold, and failed sign-ins counted for the lock-out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egovrank.core.roles import UNIT_BOUND_ROLES, Role
from egovrank.orgs.models import Unit

from .signals import password_changed

__all__ = ["RoleAssignment", "SignInThrottle", "User"]


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole in ``full_name``, since
    the family/given split of ``first_name``/``last_name`` does not fit them."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("works at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Shown beside the name; the roles decide what the person may do."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        # The stubs say str; Django's own names here are lazy translations too.
        verbose_name = _("person")  # type: ignore[assignment]
        verbose_name_plural = _("people")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # ``set_password`` keeps the new raw password until the save, whichever form
        # or command set it: the one place that sees every password change.
        changed = self.pk is not None and getattr(self, "_password", None) is not None
        super().save(*args, **kwargs)
        if changed:
            password_changed.send(sender=type(self), user=self)


class RoleAssignment(models.Model):
    """One role held by one person; unit-bound roles name their unit (a district
    reviewer's district, an officer's or head's unit)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["role", "unit__code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__in=sorted(UNIT_BOUND_ROLES)) & Q(unit__isnull=False))
                | (~Q(role__in=sorted(UNIT_BOUND_ROLES)) & Q(unit__isnull=True)),
                name="accounts_role_unit_iff_unit_bound",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="accounts_role_once_per_unit"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(unit__isnull=True),
                name="accounts_province_role_once",
            ),
        ]

    def __str__(self) -> str:
        label = str(self.get_role_display())
        return f"{label} — {self.unit}" if self.unit_id else label


class SignInThrottle(models.Model):
    """Failed sign-ins for one user name, counted to lock it out for a while; and, in
    other scopes, other requests counted the same way per key (failed API tokens per
    client address, password links per e-mail and per client address).

    Kept in the database, not the cache, so that every app server sees the same count
    and a restart does not reset it.
    """

    SIGN_IN = "sign-in"
    API_TOKEN = "api-token"  # noqa: S105 (a scope's name)
    PASSWORD_LINK_EMAIL = "link-email"  # noqa: S105
    PASSWORD_LINK_CLIENT = "link-client"  # noqa: S105

    scope = models.CharField(_("counted"), max_length=20, default=SIGN_IN)
    username = models.CharField(_("user name (or address)"), max_length=150)
    failures = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_failure_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")
        constraints = [
            models.UniqueConstraint(fields=["scope", "username"], name="throttle_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"
