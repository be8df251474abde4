"""Results read each unit's own shared figures: two units with the same entry for a
criterion but different staff counts score differently."""

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Answer, Assessment
from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.results.compute import compute

from .helpers import set_state

pytestmark = pytest.mark.django_db


def approved(participant, values):
    assessment = Assessment.objects.create(participant=participant)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, code=code, value=value) for code, value in values.items()
    )
    return set_state(assessment, AssessmentState.APPROVED)


def test_each_unit_is_scored_with_its_own_shared_figure(shared):  # noqa: F811
    approved(shared.participants["sotc"], {"TONG_CBCCVC": "50", "HT1": "40"})
    approved(shared.participants["soxd"], {"TONG_CBCCVC": "80", "HT1": "40"})
    block = compute(shared.period)["KHOI01"]
    points = {row.unit.code: row.score.points_of("HT1") for row, _facts in block.rows()}
    assert points["K01-05"] == 8  # 40/50 × 10
    assert points["K01-09"] == 5  # 40/80 × 10
