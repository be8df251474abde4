"""Until a period opens the administrator adds units (all of a year's at once, or one
by code) and removes them; afterwards the list is fixed."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant

from .helpers import said

pytestmark = pytest.mark.django_db


def add(client, year, data):
    return client.post(reverse("periods:add_participants", kwargs={"year": year}), data)


def codes(period):
    return sorted(period.participants.values_list("unit_code", flat=True))


def test_it_adds_every_unit_of_a_block_valid_in_the_year(world, client_as, draft):
    Unit.objects.filter(code="12022").update(valid_until=2019)  # Xuân Quan merged away
    response = add(client_as("administrator"), 2020, {"all": "1"})
    assert said(response) == "7 unit(s) added."
    # The province has no block: it reviews, it is not evaluated.
    assert codes(draft) == sorted(["K01-11", "K01-05", "K01-09", "325", "326", "11989", "11992"])
    event = AuditEvent.objects.get(action="period.participants_added")
    assert event.actor == world.administrator
    assert len(event.data["units"]) == 7


def test_adding_everyone_twice_adds_nobody_the_second_time(world, client_as, draft):
    admin = client_as("administrator")
    add(admin, 2020, {"all": "1"})
    response = add(admin, 2020, {"all": "1"})
    assert said(response) == "Every one of these units takes part already."
    assert draft.participants.count() == 8


def test_it_adds_one_unit_by_its_code(world, client_as, draft):
    response = add(client_as("administrator"), 2020, {"code": " 11989 "})
    assert response.status_code == 302
    participant = draft.participants.get()
    assert (participant.unit_code, participant.unit_name) == ("11989", "Xã Lạc Đạo")
    assert participant.block == world.blocks["KHOI03"]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("99999", "No unit has the code 99999."),
        ("33", "Tỉnh Hưng Yên belongs to no block, so it cannot take part."),
        ("12022", "Xã Xuân Quan does not exist in 2020."),
    ],
)
def test_it_refuses_a_unit_that_cannot_take_part(world, client_as, draft, code, problem):
    Unit.objects.filter(code="12022").update(valid_until=2019)
    response = add(client_as("administrator"), 2020, {"code": code})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not draft.participants.exists()


def test_it_refuses_a_unit_taking_part_already(world, client_as, draft):
    admin = client_as("administrator")
    add(admin, 2020, {"code": "11989"})
    response = add(admin, 2020, {"code": "11989"})
    assert response.status_code == 400
    assert "Xã Lạc Đạo takes part already." in response.content.decode()


def test_it_removes_a_participant_of_a_draft(world, client_as, draft):
    admin = client_as("administrator")
    add(admin, 2020, {"all": "1"})
    participant = draft.participants.get(unit_code="11989")
    response = admin.post(
        reverse("periods:remove_participant", kwargs={"year": 2020, "pk": participant.pk})
    )
    assert said(response) == "Xã Lạc Đạo no longer takes part."
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert AuditEvent.objects.filter(action="period.participant_removed").count() == 1


def test_an_open_period_keeps_its_participants(world, client_as):
    admin = client_as("administrator")
    participant = world.participants["soxd"]
    response = admin.post(
        reverse("periods:remove_participant", kwargs={"year": 2019, "pk": participant.pk})
    )
    assert said(response) == "The period is open: its blocks and participants can no longer change."
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_an_open_period_refuses_new_units_with_a_message(world, client_as):
    Unit.objects.create(
        code="K01-20", name="Sở Ngoại vụ", kind="department", block=world.blocks["KHOI01"]
    )
    response = add(client_as("administrator"), 2019, {"code": "K01-20"})
    assert said(response) == "The period is open: its blocks and participants can no longer change."
    assert world.period.participants.count() == 8


def test_a_participant_of_another_period_is_not_found(world, client_as, draft):
    response = client_as("administrator").post(
        reverse(
            "periods:remove_participant",
            kwargs={"year": 2020, "pk": world.participants["soxd"].pk},
        )
    )
    assert response.status_code == 404


def test_the_page_groups_the_communes_by_their_reviewing_district(world, client_as):
    response = client_as("unit_officer").get(reverse("periods:detail", kwargs={"year": 2019}))
    khoi03 = next(entry for entry in response.context["blocks"] if entry.block.code == "KHOI03")
    assert [
        (group.reviewer.name, [p.unit_name for p in group.participants]) for group in khoi03.groups
    ] == [
        ("UBND huyện Văn Giang", ["Xã Xuân Quan"]),
        ("UBND huyện Văn Lâm", ["Xã Chỉ Đạo", "Xã Lạc Đạo"]),
    ]
    khoi01 = response.context["blocks"][0]
    assert [group.reviewer for group in khoi01.groups] == [None]
    assert [p.unit_name for p in khoi01.groups[0].participants] == [
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Xây dựng",
    ]
    assert "Reviewed by UBND huyện Văn Lâm" in response.content.decode()
