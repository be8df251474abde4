"""A message the core means to be translated is an English str that keeps its template
and parameters (scoring/text.py)."""

import pickle
from decimal import Decimal

from egovrank.scoring.text import Text


def test_it_reads_as_the_english_message_and_keeps_what_makes_it():
    text = Text("%(a)s is less than %(b)s", a=Decimal("48.5"), b=Decimal(50))
    assert text == "48.5 is less than 50"
    assert text.template == "%(a)s is less than %(b)s"
    assert text.params == {"a": Decimal("48.5"), "b": Decimal(50)}


def test_it_survives_pickling_with_its_template():
    text = pickle.loads(pickle.dumps(Text("must not be negative (%(unit)s)", unit=Text("a count"))))
    assert text == "must not be negative (a count)"
    assert text.template == "must not be negative (%(unit)s)"
    assert isinstance(text.params["unit"], Text)
