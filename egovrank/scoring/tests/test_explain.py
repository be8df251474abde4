from decimal import Decimal

from egovrank.scoring.explain import describe_rule, render
from egovrank.scoring.rules import (
    Band,
    CountRule,
    DeductionRule,
    Option,
    OptionRule,
    RatioRule,
    RelativeRule,
)


def test_a_band_explanation_reads_as_in_the_issue():
    explanation = (
        "ratio_band",
        Decimal("65.3"),
        Decimal(100),
        Decimal(50),
        Decimal(7),
        Decimal(10),
    )
    assert render(explanation) == "65,3/100 = 65,3% ≥ 50% → 7/10"
    assert render(explanation, "en") == "65.3/100 = 65.3% ≥ 50% → 7/10"


def test_rules_are_described_in_words_for_the_form():
    assert describe_rule(RatioRule("Số TTHC trực tuyến", "Tổng số TTHC"), Decimal(25)) == (
        "Điểm = Số TTHC trực tuyến / Tổng số TTHC × 25; tỷ lệ trên 100% tính 100%"
    )
    bands = RatioRule(
        mode="bands", bands=(Band(Decimal(50), Decimal(5)), Band(Decimal(100), Decimal(10)))
    )
    assert describe_rule(bands, Decimal(10)).endswith("từ 50%: 5 điểm; từ 100%: 10 điểm")
    assert describe_rule(CountRule("hệ thống", "per_item", per_item=Decimal(2)), Decimal(10)) == (
        "2 điểm cho mỗi hệ thống, tối đa 10"
    )
    assert describe_rule(DeductionRule("báo cáo chậm", Decimal(5)), Decimal(15)) == (
        "15 điểm, trừ 5 điểm cho mỗi báo cáo chậm, thấp nhất 0"
    )
    options = OptionRule((Option("A", "Có", Decimal(10)), Option("B", "Không", Decimal(0))))
    assert describe_rule(options, Decimal(10)) == "A. Có: 10 điểm; B. Không: 0 điểm"
    relative = RelativeRule(
        input="ratio", numerator_label="hồ sơ trực tuyến", denominator_label="tổng hồ sơ"
    )
    assert "hồ sơ trực tuyến / tổng hồ sơ cao nhất khối × 30" in describe_rule(
        relative, Decimal(30)
    )


def test_descriptions_exist_in_english_too():
    assert describe_rule(RatioRule(), Decimal(10), "en").startswith(
        "Points = numerator / denominator × 10"
    )
