"""The administrator publishes finalised results under their decision: publication 1,
one stored row per unit copied from the core's result, the period published, every
form's history told, and everyone concerned notified."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice
from egovrank.periods.choices import PeriodState
from egovrank.results.actions import ResultsRefused, do_finalise, do_publish
from egovrank.results.compute import compute
from egovrank.results.models import Publication, PublishedResult

from .helpers import DECISION, move, published, reviewed

pytestmark = pytest.mark.django_db

FORM = {
    "decision_number": "123/QĐ-UBND",
    "decision_date": "2020-03-20",
    "signer": "Nguyễn Văn Phóng",
}


def publish_url(year=2019):
    return reverse("results:publish", kwargs={"year": year})


def test_it_publishes_finalised_results_as_publication_1(world, client_as):
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    response = client_as("administrator").post(publish_url(), FORM)
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "results:publication", kwargs={"year": 2019, "number": 1}
    )
    assert publication.number == 1
    assert publication.decision_number == "123/QĐ-UBND"
    assert publication.decision_date.isoformat() == "2020-03-20"
    assert publication.signer == "Nguyễn Văn Phóng"
    assert publication.published_by == world.administrator
    assert publication.correction_reason == ""
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.PUBLISHED


def test_each_unit_s_row_is_the_core_s_result(world):
    reviewed(world)
    expected = compute(world.period)
    publication = published(world)
    rows = {r.unit_code: r for r in publication.results.all()}
    assert len(rows) == len(world.participants)
    for code, block in expected.items():
        for ranked, facts in block.rows():
            row = rows[ranked.unit.code]
            score = ranked.score
            assert row.block_code == code
            assert row.unit_name == facts.participant.unit_name
            assert row.unit_id == facts.participant.unit_id
            assert row.submitted == ranked.unit.submitted
            assert row.rank == ranked.rank
            assert (row.points, row.max_points) == (score.points, score.max_points)
            assert (row.share_numerator, row.share_denominator) == (
                score.share.numerator,
                score.share.denominator,
            )
            assert row.percent == score.percent
            assert (row.level_code, row.level_name) == (score.level.code, score.level.name)
            assert row.self_points == facts.self_points
            assert row.nodes == {
                node.code: [str(node.points), str(node.max_points), node.status]
                for node in score.walk()
            }


def test_communes_keep_their_district_and_rank_within_it(world):
    publication = published(world)
    lacdao = publication.results.get(unit_code="11989")
    assert (lacdao.district_code, lacdao.district_name) == ("325", "UBND huyện Văn Lâm")
    assert lacdao.rank_in_district in (1, 2)
    department = publication.results.get(unit_code="K01-05")
    assert (department.district_code, department.rank_in_district) == ("", None)


def test_a_unit_that_did_not_submit_is_published_as_such(world):
    publication = published(world)
    soxd = publication.results.get(unit_code="K01-09")
    assert not soxd.submitted
    assert soxd.points == 0
    assert soxd.self_points is None
    assert soxd.level_code == "yeu"
    assert soxd.rank == 3


def test_the_publication_describes_each_block(world):
    publication = published(world)
    khoi01 = publication.blocks["KHOI01"]
    assert khoi01["name"] == "Khối 01"
    assert khoi01["set_id"] == "hungyen-2018-khoi01"
    assert khoi01["version"] == "2018"
    assert [level[0] for level in khoi01["levels"]] == ["tot", "kha", "trung_binh", "yeu"]
    assert [level[2] for level in khoi01["levels"]] == ["85", "70", "50", "0"]
    assert khoi01["groups"]
    assert sum(Decimal(g[2]) for g in khoi01["groups"]) == Decimal(khoi01["max_total"])
    assert [publication.blocks[code]["order"] for code in ("KHOI01", "KHOI02", "KHOI03")] == [
        1,
        2,
        3,
    ]


def test_the_period_and_every_form_record_the_publication(world):
    publication = published(world)
    on_period = AuditEvent.objects.get(action="results.published", target_type="periods.period")
    assert on_period.data["decision_number"] == "123/QĐ-UBND"
    assert on_period.data["before"] == "finalised"
    on_forms = AuditEvent.objects.filter(
        action="results.published", target_type="assessments.assessment"
    )
    approved = {str(p.assessment.pk) for k, p in world.participants.items() if k != "soxd"}
    assert {event.target_id for event in on_forms} == approved
    sotc = on_forms.get(target_id=str(world.participants["sotc"].assessment.pk))
    result = publication.results.get(unit_code="K01-05")
    assert sotc.data["rank"] == result.rank
    assert sotc.data["points"] == str(result.points)
    assert sotc.actor == world.administrator


def test_unit_people_and_province_staff_are_notified(world):
    published(world)
    told = set(
        Notice.objects.filter(kind="published").values_list("recipient__username", flat=True)
    )
    # The administrator published: everyone else concerned is told.
    assert told == {
        "provincial_reviewer",
        "unit_officer",
        "unit_head",
        "commune_officer",
    }
    url = reverse("results:publication", kwargs={"year": 2019, "number": 1})
    assert set(Notice.objects.values_list("url", flat=True)) == {url}


@pytest.mark.parametrize(
    "state", [PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW, PeriodState.PUBLISHED]
)
def test_it_refuses_a_period_that_is_not_finalised(world, client_as, state):
    reviewed(world)
    move(world.period, state)
    response = client_as("administrator").post(publish_url(), FORM)
    assert response.status_code == 409
    assert "published only once they are finalised" in response.content.decode()
    assert not Publication.objects.exists()
    world.period.refresh_from_db()
    assert world.period.state == state


def test_the_action_refuses_an_unfinalised_period_with_a_clear_message(world):
    reviewed(world)
    with pytest.raises(ResultsRefused, match="only once they are finalised"):
        do_publish(world.period, actor=world.administrator, **DECISION)


@pytest.mark.parametrize("missing", ["decision_number", "decision_date", "signer"])
def test_the_decision_is_required(world, client_as, missing):
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    response = client_as("administrator").post(publish_url(), {**FORM, missing: ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Publication.objects.exists()
    assert not PublishedResult.objects.exists()


def test_a_blank_decision_is_refused_by_the_action_too(world):
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    with pytest.raises(ResultsRefused, match="Give the decision number"):
        do_publish(world.period, actor=world.administrator, **{**DECISION, "decision_number": " "})


@pytest.mark.parametrize("persona", ["provincial_reviewer", "district_reviewer", "unit_head"])
def test_only_the_administrator_publishes(world, client_as, persona):
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    assert client_as(persona).post(publish_url(), FORM).status_code == 403
    assert not Publication.objects.exists()


def test_no_e_mail_leaves_before_the_publication_commits(world):
    # Notices are written in the transaction; e-mails go on commit (none has an address).
    published(world)
    assert mail.outbox == []
