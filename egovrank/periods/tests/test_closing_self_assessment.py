"""Closing the self-assessment confirms its consequences: the step lists the units that
still have time, cutting them off needs a reason, and they are told (issue 18)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.tests.helpers import fill_in
from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice
from egovrank.periods.actions import PeriodRefused, do_change_state, do_grant_extension
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.scoring.collation import vietnamese_sort_key

pytestmark = pytest.mark.django_db


def close(client, **data):
    return client.post(
        reverse("periods:change_state", kwargs={"year": 2019}), {"to_state": "review", **data}
    )


def past_deadline_but_sotc_extended(world):
    """The period's deadline has passed; Sở Tài chính alone has an extension running."""
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    sotc = world.participants["sotc"]
    do_grant_extension(
        sotc, timezone.now() + timedelta(days=20), "Mất điện kéo dài", actor=world.administrator
    )
    return sotc


def test_the_step_lists_the_units_still_within_their_deadline(world, client_as):
    response = close(client_as("administrator"))
    assert response.status_code == 200
    html = response.content.decode()
    listed = html[html.index('id="cut-off"') : html.index("</table>")]
    names = [p.unit_name for p in world.period.participants.all()]
    assert names and all(name in listed for name in names)
    # Vietnamese order, not code points.
    positions = sorted((listed.index(name), name) for name in names)
    assert [name for _, name in positions] == sorted(names, key=vietnamese_sort_key)
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.SELF_ASSESSMENT


def test_an_extension_still_running_is_listed_and_a_submitted_form_is_not(world, client_as):
    sotc = past_deadline_but_sotc_extended(world)
    html = close(client_as("administrator")).content.decode()
    listed = html[html.index('id="cut-off"') : html.index("</table>")]
    assert sotc.unit_name in listed and "extended" in listed
    assert [p for p in world.period.participants.all() if p.unit_name in listed] == [sotc]


def test_cutting_units_off_without_a_reason_is_refused(world, client_as):
    past_deadline_but_sotc_extended(world)
    response = close(client_as("administrator"), confirmed="yes", reason=" ")
    assert response.status_code == 400
    assert 'id="close-reason-error"' in response.content.decode()
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.SELF_ASSESSMENT
    with pytest.raises(PeriodRefused):
        do_change_state(world.period, PeriodState.REVIEW, actor=world.administrator)


def test_with_a_reason_the_units_are_told_and_the_history_keeps_it(world, client_as):
    sotc = past_deadline_but_sotc_extended(world)
    reason = "Chỉ đạo của UBND tỉnh tại văn bản 12/UBND"
    response = close(client_as("administrator"), confirmed="yes", reason=reason)
    assert response.status_code == 302
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW
    event = AuditEvent.objects.get(action="period.state_changed")
    assert event.data["cut_off"] == [sotc.unit_code] and event.data["reason"] == reason
    notices = Notice.objects.filter(kind="cut_off")
    assert {n.recipient for n in notices} == {world.unit_officer, world.unit_head}
    assert all(reason in n.body for n in notices)


def test_when_no_unit_has_time_it_closes_without_a_reason_and_tells_nobody(world, client_as):
    past_deadline_but_sotc_extended(world)
    sotc = world.participants["sotc"]
    fill_in(sotc, actor=world.unit_officer)
    client_as("unit_head").post(
        reverse("assessments:submit", kwargs={"year": 2019, "unit": sotc.unit_code}),
        {"declaration": "yes"},
    )
    admin = client_as("administrator")
    assert 'id="no-cut-off"' in close(admin).content.decode()
    assert close(admin, confirmed="yes").status_code == 302
    assert not Notice.objects.filter(kind="cut_off").exists()
    assert AuditEvent.objects.get(action="period.state_changed").data["cut_off"] == []
