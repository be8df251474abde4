"""The form words every problem the scoring core finds in an entry, in both languages."""

from decimal import Decimal

import pytest
from django.utils import translation

from egovrank.assessments.entry_problems import MESSAGES, entry_message
from egovrank.assessments.sheet import Entry, answers_of
from egovrank.scoring.answers import ENTRY_PROBLEMS, EntryProblem
from egovrank.scoring.tests.builders import leaf, make_set

PARAMS = {"what": "second_figure", "maximum": Decimal("7.5"), "step": Decimal("0.5"), "max": 15}


def test_every_problem_the_core_can_find_has_its_words():
    assert sorted(MESSAGES) == sorted(ENTRY_PROBLEMS)


@pytest.mark.parametrize("code", ENTRY_PROBLEMS)
def test_every_problem_reads_in_vietnamese(code):
    problem = EntryProblem(code, **PARAMS)
    with translation.override("en"):
        english = entry_message(problem)
    with translation.override("vi"):
        assert entry_message(problem) != english


def test_a_figure_and_a_maximum_are_worded_as_before():
    with translation.override("en"):
        assert entry_message(EntryProblem("negative", what="first_figure")) == (
            "The first figure must not be negative."
        )
        assert entry_message(EntryProblem("points_above_maximum", maximum=Decimal("7.5"))) == (
            "Points must be between 0 and 7,5."
        )


def test_na_typed_for_a_criterion_that_always_applies_is_refused_not_kept():
    criteria_set = make_set(leaf("C1", 10, "yes_no"))
    with translation.override("en"):
        answers, refused = answers_of(criteria_set, {"C1": Entry(value="na")})
    assert answers == {}
    assert refused == {"C1": "This criterion cannot be marked not applicable."}
