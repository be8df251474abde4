"""Every change to people and their roles, each with its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from egovrank.core.audit import record
from egovrank.orgs.models import Unit

from . import lockout
from .forms import PasswordLinkForm
from .models import RoleAssignment, User

__all__ = [
    "do_create_person",
    "do_grant_role",
    "do_revoke_role",
    "do_send_password_link",
    "do_unlock",
    "do_update_person",
    "snapshot",
]

PERSON_FIELDS = ("username", "full_name", "email", "phone", "unit", "is_active")


def snapshot(person: User) -> dict[str, Any]:
    return {
        "username": person.username,
        "full_name": person.full_name,
        "email": person.email,
        "phone": person.phone,
        "unit": person.unit.code if person.unit else None,
        "is_active": person.is_active,
    }


@transaction.atomic
def do_create_person(*, actor: User, password: str = "", **fields: Any) -> User:
    """Create a person. Without a password the account cannot sign in until the
    person follows the link sent by ``do_send_password_link``."""
    person = User(**{name: fields[name] for name in PERSON_FIELDS if name in fields})
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.save()
    record(
        "person.created",
        person,
        actor=actor,
        summary=f"created {person.username}",
        data={"after": snapshot(person)},
    )
    return person


@transaction.atomic
def do_update_person(person: User, *, actor: User, before: dict[str, Any]) -> User:
    """Save ``person`` edited by a form; ``before`` is ``snapshot`` taken before the edit."""
    person.save()
    after = snapshot(person)
    changed = {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
    if changed:
        record(
            "person.updated",
            person,
            actor=actor,
            summary=f"updated {person.username}: {', '.join(sorted(changed))}",
            data={"changed": changed},
        )
    return person


@transaction.atomic
def do_grant_role(
    person: User, role: str, unit: Unit | None, *, actor: User | None
) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(
        user=person, role=role, unit=unit, defaults={"granted_by": actor}
    )
    if created:
        record(
            "person.role_granted",
            person,
            actor=actor,
            summary=f"granted {role}{f' for {unit.code}' if unit else ''} to {person.username}",
            data={"role": role, "unit": unit.code if unit else None},
        )
    return assignment


@transaction.atomic
def do_revoke_role(assignment: RoleAssignment, *, actor: User) -> None:
    person, role, unit = assignment.user, assignment.role, assignment.unit
    assignment.delete()
    record(
        "person.role_revoked",
        person,
        actor=actor,
        summary=f"revoked {role}{f' for {unit.code}' if unit else ''} from {person.username}",
        data={"role": role, "unit": unit.code if unit else None},
    )


@transaction.atomic
def do_unlock(person: User, *, actor: User) -> None:
    lockout.clear_failures(person.username)
    record("person.unlocked", person, actor=actor, summary=f"unlocked {person.username}")


def do_send_password_link(person: User, request: HttpRequest, *, actor: User) -> bool:
    """E-mail ``person`` a link to choose a password (Django's reset mail). False when
    the person has no e-mail address or cannot sign in."""
    if not person.email or not person.is_active:
        return False
    form = PasswordLinkForm({"email": person.email})
    form.is_valid()
    # The form finds people by address; send only to this one.
    form.get_users = lambda email: iter([person])  # type: ignore[method-assign]
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    )
    with transaction.atomic():
        record(
            "person.password_link_sent",
            person,
            actor=actor,
            summary=f"sent a password link to {person.username}",
        )
    return True
