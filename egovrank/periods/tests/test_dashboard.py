"""The deadline dashboard: per block and reviewing district, who has not started, who
is in draft (and lacks evidence), who has submitted."""

from datetime import timedelta

import pytest
from django.urls import reverse

from egovrank.assessments.models import Answer, Assessment
from egovrank.criteria.versions import criteria_set_of
from egovrank.periods.actions import do_grant_extension

pytestmark = pytest.mark.django_db


def start(world, key, state="draft", *, with_evidence=False):
    """An assessment of ``world.participants[key]``; ``with_evidence`` explains every
    missing document, so that nothing counts as missing evidence."""
    participant = world.participants[key]
    assessment = Assessment.objects.create(participant=participant, state=state)
    if with_evidence:
        version = world.period.blocks.get(block=participant.block).version
        Answer.objects.bulk_create(
            Answer(assessment=assessment, code=node.code, evidence_explanation="Đã nộp bản giấy")
            for node in criteria_set_of(version).leaves()
            if node.evidence.required
        )
    return assessment


def names(rows):
    return [row.participant.unit_name for row in rows]


def block(response, code):
    return next(entry for entry in response.context["blocks"] if entry.block.code == code)


def test_it_counts_each_state_per_block(world, client_as):
    start(world, "sotc", "submitted")
    start(world, "soxd", "draft", with_evidence=True)
    start(world, "vanlam", "returned")
    start(world, "vangiang", "approved")
    start(world, "lacdao", "in_review")
    start(world, "chidao", "draft")
    response = client_as("administrator").get(reverse("periods:dashboard", kwargs={"year": 2019}))
    assert response.status_code == 200
    khoi01 = block(response, "KHOI01").total
    assert names(khoi01.not_started) == ["Sở Thông tin và Truyền thông"]
    assert names(khoi01.draft) == ["Sở Xây dựng"]
    assert names(khoi01.missing_evidence) == []
    assert names(khoi01.submitted) == ["Sở Tài chính"]
    khoi02 = block(response, "KHOI02").total
    # A form returned for revision is back in the unit's hands: in draft.
    assert names(khoi02.draft) == ["UBND huyện Văn Lâm"]
    assert names(khoi02.missing_evidence) == ["UBND huyện Văn Lâm"]
    assert names(khoi02.submitted) == ["UBND huyện Văn Giang"]
    khoi03 = block(response, "KHOI03")
    assert (
        len(khoi03.total.not_started),
        len(khoi03.total.draft),
        len(khoi03.total.missing_evidence),
        len(khoi03.total.submitted),
    ) == (1, 1, 1, 1)


def test_communes_are_counted_per_reviewing_district(world, client_as):
    start(world, "lacdao", "submitted")
    response = client_as("provincial_reviewer").get(
        reverse("periods:dashboard", kwargs={"year": 2019})
    )
    districts = block(response, "KHOI03").districts
    assert [(t.name, names(t.not_started), names(t.submitted)) for t in districts] == [
        ("UBND huyện Văn Giang", ["Xã Xuân Quan"], []),
        ("UBND huyện Văn Lâm", ["Xã Chỉ Đạo"], ["Xã Lạc Đạo"]),
    ]
    assert block(response, "KHOI01").districts == []


def test_each_unit_shows_its_answers_and_its_deadline(world, client_as):
    start(world, "soxd", "draft", with_evidence=True)
    until = world.period.self_assessment_deadline + timedelta(days=3)
    do_grant_extension(world.participants["soxd"], until, "Đổi lãnh đạo", actor=world.administrator)
    response = client_as("administrator").get(reverse("periods:dashboard", kwargs={"year": 2019}))
    [row] = block(response, "KHOI01").total.draft
    assert (row.progress.answered, row.progress.answerable) == (0, 64)
    assert row.deadline == until
    assert row.extended
    page = response.content.decode()
    assert "0/64" in page
    assert "extended" in page


def test_the_district_reviewer_sees_only_the_communes_of_van_lam(world, client_as):
    start(world, "xuanquan", "submitted")
    start(world, "lacdao", "draft")
    response = client_as("district_reviewer").get(
        reverse("periods:dashboard", kwargs={"year": 2019})
    )
    assert response.status_code == 200
    [entry] = response.context["blocks"]
    assert entry.block.code == "KHOI03"
    assert [tally.name for tally in entry.districts] == ["UBND huyện Văn Lâm"]
    assert names(entry.total.not_started) == ["Xã Chỉ Đạo"]
    assert names(entry.total.draft) == ["Xã Lạc Đạo"]
    page = response.content.decode()
    assert "Xuân Quan" not in page
    assert "Sở Tài chính" not in page


@pytest.mark.parametrize("persona", ["unit_officer", "unit_head", "commune_officer", "outsider"])
def test_other_roles_are_refused(world, client_as, persona):
    response = client_as(persona).get(reverse("periods:dashboard", kwargs={"year": 2019}))
    assert response.status_code == 403


def test_the_lists_are_in_vietnamese_order(world, client_as):
    from egovrank.orgs.models import Unit
    from egovrank.periods.models import Participant

    for code, name in [
        ("12001", "Xã Đình Dù"),
        ("12002", "Xã Dương Quang"),
        ("12003", "Xã Ân Thi"),
    ]:
        unit = Unit.objects.create(
            code=code,
            name=name,
            kind="commune",
            block=world.blocks["KHOI03"],
            parent=world.units["vanlam"],
        )
        Participant.objects.create(
            period=world.period,
            unit=unit,
            block=unit.block,
            reviewer_unit=world.units["vanlam"],
            unit_code=code,
            unit_name=name,
        )
    response = client_as("district_reviewer").get(
        reverse("periods:dashboard", kwargs={"year": 2019})
    )
    [entry] = response.context["blocks"]
    assert names(entry.total.not_started) == [
        "Xã Ân Thi",
        "Xã Chỉ Đạo",
        "Xã Dương Quang",
        "Xã Đình Dù",
        "Xã Lạc Đạo",
    ]
