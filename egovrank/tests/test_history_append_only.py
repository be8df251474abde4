"""The history is append-only: audit events and submissions are written once and never
changed or removed, through the model, its queryset, or raw SQL (the database's
trigger), and a whole review cycle only ever adds to them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from egovrank.assessments.actions import AnswerInput, do_add_link, do_save_answer, do_submit
from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Answer, Assessment, Submission
from egovrank.assessments.queries import criteria_set_for
from egovrank.core.audit import record
from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.review.actions import (
    do_accept,
    do_adjust,
    do_approve,
    do_clear,
    do_comment,
    do_forward,
    do_mark_not_submitted,
    do_reopen,
    do_return,
    do_send_back,
)
from egovrank.testing import DECLARED

POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite allows DELETE (its test runner needs it)"
)
APPEND_ONLY_TABLES = [
    "core_auditevent",
    "assessments_submission",
    "results_publication",
    "results_publishedresult",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def submit(participant, actor, *, seed=1):
    answers = plausible_answers(criteria_set_for(participant), seed=seed)
    fill_demo_form(participant, answers, submit=False)
    return do_submit(participant, actor=actor, declaration=DECLARED)


@pytest.fixture
def event(world):
    return record(
        "test.event", world.units["sotc"], actor=world.administrator, summary="x", data={"a": 1}
    )


@pytest.fixture
def submission(world):
    submit(world.participants["sotc"], world.unit_head)
    return Submission.objects.get()


@pytest.fixture(params=["event", "submission"])
def row(request):
    """One stored row of each append-only model."""
    return request.getfixturevalue(request.param)


def columns(instance):
    """Every stored column of a row, as the database has it."""
    model = type(instance)
    return model.objects.filter(pk=instance.pk).values().get()


# --- the app refuses ------------------------------------------------------------------------


def test_saving_an_existing_row_is_refused(row):
    stored = columns(row)
    if isinstance(row, AuditEvent):
        row.summary = "changed"
    else:
        row.entries = {}
    with pytest.raises(ValueError, match="append-only"):
        row.save()
    with pytest.raises(ValueError, match="append-only"):
        row.save(update_fields=["summary" if isinstance(row, AuditEvent) else "entries"])
    assert columns(row) == stored


def test_a_row_fetched_again_cannot_be_saved_either(row):
    fetched = type(row).objects.get(pk=row.pk)
    with pytest.raises(ValueError, match="append-only"):
        fetched.save()


def test_deleting_a_row_is_refused(row):
    with pytest.raises(ValueError, match="append-only"):
        row.delete()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_queryset_update_and_delete_are_refused(row):
    model = type(row)
    stored = columns(row)
    field = "summary" if model is AuditEvent else "number"
    value = "changed" if model is AuditEvent else 9
    with pytest.raises(ValueError, match="append-only"):
        model.objects.filter(pk=row.pk).update(**{field: value})
    with pytest.raises(ValueError, match="append-only"):
        model.objects.update(**{field: value})
    with pytest.raises(ValueError, match="append-only"):
        model.objects.filter(pk=row.pk).delete()
    with pytest.raises(ValueError, match="append-only"):
        model.objects.all().delete()
    setattr(row, field, value)
    # bulk_update runs in its own atomic block: the refusal rolls back only that.
    with pytest.raises(ValueError, match="append-only"), transaction.atomic():
        model.objects.bulk_update([row], [field])
    assert columns(row) == stored


def test_a_form_with_submissions_cannot_be_deleted(submission):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Assessment.objects.filter(pk=submission.assessment_id).delete()
    assert Submission.objects.filter(pk=submission.pk).exists()


# --- the database refuses -------------------------------------------------------------------


def raw(statement):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)


@pytest.mark.parametrize(
    ("fixture", "table", "assignment"),
    [
        ("event", "core_auditevent", "summary = 'y'"),
        ("submission", "assessments_submission", "number = 9"),
    ],
)
def test_raw_sql_update_is_refused_by_the_database(request, fixture, table, assignment):
    instance = request.getfixturevalue(fixture)
    stored = columns(instance)
    with pytest.raises(DatabaseError, match="append-only"):
        raw(f"UPDATE {table} SET {assignment}")  # noqa: S608 - fixed test statements
    assert columns(instance) == stored


@POSTGRESQL
@pytest.mark.parametrize(
    ("fixture", "table"),
    [("event", "core_auditevent"), ("submission", "assessments_submission")],
)
def test_raw_sql_delete_is_refused_by_postgresql(request, fixture, table):
    instance = request.getfixturevalue(fixture)
    with pytest.raises(DatabaseError, match="append-only"):
        raw(f"DELETE FROM {table}")  # noqa: S608 - fixed test statements
    assert type(instance).objects.filter(pk=instance.pk).exists()


@pytest.mark.django_db
def test_every_append_only_table_has_its_trigger():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table, event_manipulation "
                "FROM information_schema.triggers WHERE trigger_name LIKE '%%append_only'"
            )
            found = set(cursor.fetchall())
            expected = {(t, op) for t in APPEND_ONLY_TABLES for op in ("UPDATE", "DELETE")}
        else:
            cursor.execute(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE '%append_only'"
            )
            found = {(table, "UPDATE") for table, sql in cursor.fetchall() if "UPDATE" in sql}
            expected = {(t, "UPDATE") for t in APPEND_ONLY_TABLES}
    assert expected <= found


# --- a whole review cycle only adds ------------------------------------------------------


def snapshot():
    return {
        row["id"]: row
        for row in AuditEvent.objects.order_by("pk").values(
            "id", "at", "actor_id", "action", "target_type", "target_id", "summary", "data"
        )
    }


def submissions():
    return {row["id"]: row for row in Submission.objects.values()}


class History:
    """Checks after each step that the history only grew and nothing earlier changed,
    and that no statement touched the append-only tables but INSERT."""

    def __init__(self):
        self.events = snapshot()
        self.submissions = submissions()
        self.steps = []

    def step(self, name, act):
        with CaptureQueriesContext(connection) as queries:
            result = act()
        for query in queries.captured_queries:
            sql = query["sql"].upper()
            for table in ("CORE_AUDITEVENT", "ASSESSMENTS_SUBMISSION"):
                assert not (sql.startswith("UPDATE") and table in sql.split("SET")[0]), (
                    name,
                    sql,
                )
                assert not (sql.startswith("DELETE") and table in sql.split("WHERE")[0]), (
                    name,
                    sql,
                )
        events, subs = snapshot(), submissions()
        assert len(events) > len(self.events), f"{name} recorded nothing"
        for pk, before in self.events.items():
            assert events[pk] == before, f"{name} changed event {pk}"
        for pk, before in self.submissions.items():
            assert subs[pk] == before, f"{name} changed submission {pk}"
        assert max(events) > max(self.events or {0: None})
        self.events, self.submissions = events, subs
        self.steps.append(name)
        return result


def revision(participant, code):
    from egovrank.review.models import Verification

    found = Verification.objects.filter(assessment__participant=participant, code=code).first()
    return found.revision if found else 0


def test_a_whole_review_cycle_only_ever_adds_to_the_history(world):
    sotc, lacdao, chidao = (world.participants[k] for k in ("sotc", "lacdao", "chidao"))
    province, district = world.provincial_reviewer, world.district_reviewer
    head, officer, commune = world.unit_head, world.unit_officer, world.commune_officer
    deadline = timezone.now() + timedelta(days=5)
    history = History()

    def resave(participant, code, value, actor):
        current = Answer.objects.get(assessment__participant=participant, code=code)
        entered = AnswerInput(value=value, evidence_explanation=current.evidence_explanation)
        return do_save_answer(participant, code, entered, revision=current.revision, actor=actor)

    history.step("submit", lambda: submit(sotc, head))
    history.step("accept", lambda: do_accept(sotc, "HT2", revision=0, actor=province))
    history.step(
        "adjust",
        lambda: do_adjust(sotc, "HT1", value="5/50", reason="thiếu", revision=0, actor=province),
    )
    history.step(
        "re-adjust",
        lambda: do_adjust(sotc, "HT1", value="6/50", reason="sửa", revision=1, actor=province),
    )
    history.step("clear", lambda: do_clear(sotc, "HT2", revision=1, actor=province))
    do_comment(sotc, "NL1", "Thiếu quyết định", actor=province)  # a draft: no history
    history.step(
        "return", lambda: do_return(sotc, message="Bổ sung", deadline=deadline, actor=province)
    )
    history.step("revise", lambda: resave(sotc, "HT1", "45/50", officer))
    history.step("add link", lambda: do_add_link(sotc, "NL1", title="QĐ 12/QĐ-STC", actor=officer))
    history.step("resubmit", lambda: do_submit(sotc, actor=head, declaration=DECLARED))
    history.step(
        "accept again",
        lambda: do_accept(sotc, "HT1", revision=revision(sotc, "HT1"), actor=province),
    )
    history.step("approve", lambda: do_approve(sotc, actor=province))
    history.step("reopen", lambda: do_reopen(sotc, reason="Khiếu nại", actor=province))
    history.step("approve again", lambda: do_approve(sotc, actor=province))

    history.step("commune submits", lambda: submit(lacdao, commune, seed=4))
    history.step("commune approved", lambda: do_approve(lacdao, actor=district))
    Period.objects.filter(pk=world.period.pk).update(state=PeriodState.REVIEW)
    history.step(
        "not submitted", lambda: do_mark_not_submitted(chidao, reason="quá hạn", actor=district)
    )
    first = history.step(
        "forward", lambda: do_forward(world.period, world.units["vanlam"], actor=district)
    )
    history.step("send back", lambda: do_send_back(first, reason="Xem lại", actor=province))
    history.step("reopen commune", lambda: do_reopen(chidao, reason="Nộp muộn", actor=district))
    history.step(
        "close again", lambda: do_mark_not_submitted(chidao, reason="quá hạn", actor=district)
    )
    history.step(
        "forward again", lambda: do_forward(world.period, world.units["vanlam"], actor=district)
    )

    assert Submission.objects.filter(assessment__participant=sotc).count() == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "assessment.submitted",
        "review.started",
        "review.accepted",
        "review.adjusted",
        "review.cleared",
        "assessment.returned",
        "answer.changed",
        "evidence.link_added",
        "assessment.approved",
        "review.reopened",
        "assessment.not_submitted",
        "review.forwarded",
        "review.sent_back",
    } <= actions
