"""``record`` writes the audit trail: who, what, on which object, the details; and
``history_of`` reads one object's trail. That the trail is append-only (model, queryset,
database trigger) is tested in ``test_history_append_only``."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from egovrank.core.audit import event, history_of, record, record_all
from egovrank.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_says_who_did_what_to_which_object(world):
    unit = world.units["sotc"]
    written = record("test.event", unit, actor=world.administrator, summary="x", data={"before": 1})
    stored = AuditEvent.objects.get(pk=written.pk)
    assert stored.actor == world.administrator
    assert (stored.action, stored.target_type, stored.target_id) == (
        "test.event",
        "orgs.unit",
        str(unit.pk),
    )
    assert stored.data == {"before": 1}
    assert stored.at is not None


def test_an_anonymous_or_missing_actor_is_stored_as_nobody(world):
    unit = world.units["sotc"]
    assert record("a", unit, actor=None, summary="x").actor is None
    assert record("b", unit, actor=AnonymousUser(), summary="x").actor is None


def test_a_long_summary_is_cut_to_the_column(world):
    written = record("a", world.units["sotc"], actor=None, summary="y" * 600)
    assert len(AuditEvent.objects.get(pk=written.pk).summary) == 500


def test_history_of_reads_one_objects_events_newest_first(world):
    sotc, soxd = world.units["sotc"], world.units["soxd"]
    first = record("one", sotc, actor=None, summary="1")
    record("other", soxd, actor=None, summary="o")
    record_all(
        [event("two", sotc, actor=None, summary="2"), event("three", sotc, actor=None, summary="3")]
    )
    assert [e.action for e in history_of(sotc)] == ["three", "two", "one"]
    assert history_of(sotc).last() == first
    assert [e.action for e in history_of(soxd)] == ["other"]


def test_an_event_recorded_in_a_rolled_back_action_is_gone_with_it(world):
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        record("doomed", world.units["sotc"], actor=None, summary="x")
        raise Refused
    assert not AuditEvent.objects.filter(action="doomed").exists()
