"""The administrator manages people and roles in the app; every change is audited."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from egovrank.accounts.models import RoleAssignment, User
from egovrank.core.models import AuditEvent
from egovrank.core.roles import Role, roles_of

pytestmark = pytest.mark.django_db


def test_it_creates_a_person_and_mails_a_link_to_choose_a_password(world, administrator_client):
    response = administrator_client.post(
        reverse("people:create"),
        {
            "username": "canbo.soxd",
            "full_name": "Cán bộ Sở Xây dựng",
            "email": "a@example.org",
            "unit": world.units["soxd"].pk,
            "is_active": "on",
        },
    )
    person = User.objects.get(username="canbo.soxd")
    assert response["Location"] == reverse("people:detail", kwargs={"pk": person.pk})
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.org"]
    actions = set(
        AuditEvent.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )
    assert actions == {"person.created", "person.password_link_sent"}


def test_the_mailed_link_lets_the_person_choose_a_password_and_sign_in(world, administrator_client):
    administrator_client.post(
        reverse("people:create"),
        {
            "username": "moi",
            "full_name": "Người mới",
            "email": "moi@example.org",
            "is_active": "on",
        },
    )
    link = re.search(r"https?://[^/]+(/account/password/reset/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new_password = "Mật khẩu mới rất dài 2025"  # noqa: S105
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert client.login(username="moi", password=new_password)


def test_a_new_person_needs_an_address_or_a_first_password(world, administrator_client):
    response = administrator_client.post(
        reverse("people:create"), {"username": "x", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="x").exists()


def test_a_first_password_must_pass_the_password_rules(world, administrator_client):
    response = administrator_client.post(
        reverse("people:create"), {"username": "y", "password": "123", "is_active": "on"}
    )
    assert "password" in response.context["form"].errors


def test_it_grants_and_revokes_a_role_with_audit_events(world, administrator_client):
    officer = world.unit_officer
    administrator_client.post(
        reverse("people:role_grant", kwargs={"pk": officer.pk}),
        {"role": Role.UNIT_HEAD, "unit": world.units["sotc"].pk},
    )
    head = RoleAssignment.objects.get(user=officer, role=Role.UNIT_HEAD)
    assert head.granted_by == world.administrator
    assert world.units["sotc"].pk in roles_of(User.objects.get(pk=officer.pk)).head_units
    administrator_client.post(
        reverse("people:role_revoke", kwargs={"pk": officer.pk, "assignment_pk": head.pk})
    )
    assert not RoleAssignment.objects.filter(pk=head.pk).exists()
    actions = list(
        AuditEvent.objects.filter(target_id=str(officer.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["person.role_granted", "person.role_revoked"]


@pytest.mark.parametrize(
    ("role", "unit", "problem"),
    [
        (Role.DISTRICT_REVIEWER, "sotc", "district"),
        (Role.UNIT_OFFICER, None, "choose"),
        (Role.ADMINISTRATOR, "sotc", "whole province"),
    ],
)
def test_it_refuses_a_role_bound_to_the_wrong_unit(
    world, administrator_client, role, unit, problem
):
    response = administrator_client.post(
        reverse("people:role_grant", kwargs={"pk": world.outsider.pk}),
        {"role": role, "unit": world.units[unit].pk if unit else ""},
    )
    assert response.status_code == 400
    assert problem in str(response.context["role_form"].errors["unit"])
    assert not world.outsider.role_assignments.exists()


def test_a_role_cannot_be_revoked_through_another_person(world, administrator_client):
    assignment = world.unit_head.role_assignments.get()
    response = administrator_client.post(
        reverse(
            "people:role_revoke",
            kwargs={"pk": world.unit_officer.pk, "assignment_pk": assignment.pk},
        )
    )
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_editing_a_person_records_what_changed(world, administrator_client):
    officer = world.unit_officer
    administrator_client.post(
        reverse("people:detail", kwargs={"pk": officer.pk}),
        {
            "username": officer.username,
            "full_name": "Tên mới",
            "email": "",
            "phone": "",
            "unit": world.units["sotc"].pk,
        },
    )
    officer.refresh_from_db()
    assert officer.full_name == "Tên mới" and not officer.is_active
    event = AuditEvent.objects.get(action="person.updated")
    assert event.data["changed"]["full_name"] == ["Unit Officer", "Tên mới"]
    assert event.data["changed"]["is_active"] == [True, False]


def test_the_administrator_unlocks_a_locked_person(world, administrator_client, settings):
    client = Client()
    for _ in range(settings.SIGNIN_MAX_FAILURES):
        client.post(reverse("accounts:sign_in"), {"username": "unit_officer", "password": "x"})
    page = administrator_client.get(reverse("people:detail", kwargs={"pk": world.unit_officer.pk}))
    assert page.context["locked_until"] is not None
    administrator_client.post(reverse("people:unlock", kwargs={"pk": world.unit_officer.pk}))
    page = administrator_client.get(reverse("people:detail", kwargs={"pk": world.unit_officer.pk}))
    assert page.context["locked_until"] is None
    assert AuditEvent.objects.filter(action="person.unlocked").count() == 1


def test_the_people_list_filters_by_role_and_text(world, administrator_client):
    page = administrator_client.get(reverse("people:list"), {"role": Role.UNIT_HEAD})
    assert [p.username for p in page.context["people"]] == ["unit_head"]
    page = administrator_client.get(reverse("people:list"), {"q": "district"})
    assert [p.username for p in page.context["people"]] == ["district_reviewer"]


def test_a_person_who_lost_the_first_mail_can_ask_for_a_new_link(world, administrator_client):
    administrator_client.post(
        reverse("people:create"),
        {"username": "moi", "email": "Moi@Example.org", "is_active": "on"},
    )
    mail.outbox.clear()
    Client().post(reverse("accounts:password_reset"), {"email": "moi@example.org"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Moi@Example.org"]


def test_no_link_goes_to_a_disabled_person(world, administrator_client):
    world.unit_officer.email = "off@example.org"
    world.unit_officer.is_active = False
    world.unit_officer.save()
    Client().post(reverse("accounts:password_reset"), {"email": "off@example.org"})
    assert mail.outbox == []
