"""``generate_national_data``: a published period of synthetic units at national scale,
checked here on a small run (the proportions of the 12,000-unit shape)."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from fractions import Fraction

import pytest
from django.core.management import CommandError, call_command

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment, Submission
from egovrank.cli import main
from egovrank.criteria.versions import criteria_set_of
from egovrank.demo.national import SHAPE, block_sizes
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.results.models import Publication, PublishedResult
from egovrank.review.models import Forwarding, Verification
from egovrank.scoring.ranking import Standing, rank_all

pytestmark = pytest.mark.django_db

YEAR = 2031
UNITS = 300


def generate(*options: str) -> str:
    out = io.StringIO()
    call_command(
        "generate_national_data",
        "--units",
        str(UNITS),
        "--year",
        str(YEAR),
        "--quiet",
        "--force",
        *options,
        stdout=out,
    )
    return out.getvalue()


def test_the_full_run_has_the_national_shape_and_a_small_one_keeps_its_proportions():
    assert block_sizes(12_000) == SHAPE == {"KHOI01": 160, "KHOI02": 1_840, "KHOI03": 10_000}
    assert block_sizes(UNITS) == {"KHOI01": 4, "KHOI02": 46, "KHOI03": 250}
    assert block_sizes(3) == {"KHOI01": 1, "KHOI02": 1, "KHOI03": 1}


def test_a_small_run_publishes_every_unit_ranked_in_its_block_at_its_level():
    output = generate()
    period = Period.objects.get(year=YEAR)
    assert period.state == PeriodState.PUBLISHED
    publication = Publication.objects.get(period=period)
    assert publication.decision_number in output
    results = list(PublishedResult.objects.filter(publication=publication))
    assert len(results) == UNITS == period.participants.count()
    assert Counter(r.block_code for r in results) == block_sizes(UNITS)

    sets = {
        period_block.block.code: criteria_set_of(period_block.version)
        for period_block in period.blocks.select_related("block", "version")
    }
    by_block = defaultdict(list)
    for result in results:
        by_block[result.block_code].append(result)
        level = sets[result.block_code].levels.classify(result.points, result.max_points)
        assert result.level_code == level.code
        share = Fraction(result.share_numerator, result.share_denominator)
        assert share == Fraction(result.points) / Fraction(result.max_points)
    for code, rows in by_block.items():
        standings = [
            Standing(
                r.unit_code,
                r.unit_name,
                Fraction(r.share_numerator, r.share_denominator),
                submitted=r.submitted,
                parent=r.district_code or None,
            )
            for r in rows
        ]
        expected = {
            s.code: (rank, in_district if s.parent else None)
            for s, rank, in_district in rank_all(standings)
        }
        assert {r.unit_code: (r.rank, r.rank_in_district) for r in rows} == expected, code
        assert min(r.rank for r in rows) == 1
        assert max(r.rank for r in rows) <= len(rows)
    communes = by_block["KHOI03"]
    assert all(r.district_code and r.rank_in_district for r in communes)
    assert len({r.level_code for r in results}) == 4, "every level shows"


def test_forms_end_as_the_review_leaves_them():
    generate()
    states = Counter(
        Assessment.objects.filter(participant__period__year=YEAR).values_list("state", flat=True)
    )
    assert set(states) <= {AssessmentState.APPROVED, AssessmentState.NOT_SUBMITTED}
    assert sum(states.values()) == UNITS
    approved = states[AssessmentState.APPROVED]
    assert Submission.objects.filter(assessment__participant__period__year=YEAR).count() == approved
    assert Verification.objects.filter(assessment__participant__period__year=YEAR).exists()
    results = PublishedResult.objects.filter(publication__period__year=YEAR, submitted=True)
    assert any(r.self_points != r.points for r in results), "the review adjusted some units"
    # The synthetic units exist in their year only, so no other period takes them in.
    assert not Unit.objects.filter(code__startswith=f"QG{YEAR}-").valid_in(YEAR + 1).exists()


def test_before_the_two_tier_reform_each_district_forwards_its_communes():
    call_command(
        "generate_national_data",
        "--units",
        "80",
        "--year",
        "2024",
        "--quiet",
        "--force",
        stdout=io.StringIO(),
    )
    period = Period.objects.get(year=2024)
    assert period.state == PeriodState.PUBLISHED
    districts = set(
        period.participants.filter(block__code="KHOI03").values_list("reviewer_unit", flat=True)
    )
    forwarded = Forwarding.objects.filter(period=period, sent_back_at__isnull=True)
    assert set(forwarded.values_list("district", flat=True)) == districts
    assert sum(len(f.ranking) for f in forwarded) == block_sizes(80)["KHOI03"]


def test_a_second_run_for_the_same_year_is_refused_and_changes_nothing(capsys):
    generate()
    units = Unit.objects.count()
    with pytest.raises(CommandError, match=f"A period for {YEAR} already exists"):
        generate()
    code = main(["generate-national-data", "--year", str(YEAR), "--force", "--quiet"])
    assert code == 2
    assert f"A period for {YEAR} already exists" in capsys.readouterr().err
    assert Unit.objects.count() == units


def test_it_refuses_to_fill_a_database_outside_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_national_data", "--units", "3", stdout=io.StringIO())
    assert not Period.objects.exists()
