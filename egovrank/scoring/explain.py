"""Explanations: the rule and the figures that gave each computed point.

An explanation is a plain tuple: its kind, then the figures (Decimals, strings,
booleans). Tuples because one is made for every criterion of every unit, and a tuple
costs a small fraction of an object; ``render`` turns one into the short line a person
reads, for example ``65,3% ≥ 50% → 7/10``, computing any displayed percentage then.

Kinds and their values:

- ``yes_no`` (answer, points, max) · ``manual`` (points, max)
- ``ratio_proportional`` (numerator, denominator, capped, points, max)
- ``ratio_band`` (numerator, denominator, threshold or None, points, max)
- ``ratio_zero_denominator`` (numerator, denominator, points, max)
- ``count_band`` (count, threshold or None, points, max)
- ``count_per_item`` (count, per item, uncapped, points, max)
- ``option`` (code, label, points, max) · ``deduction`` (count, per item, points, max)
- ``relative`` (num, den, best num, best den, as percent, points, max)
- ``info`` (value) · ``not_applicable`` (max removed) · ``unanswered`` (max)
- ``not_submitted`` (max) · ``sum`` (children's total, points, max)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .explanation import Explanation
from .numbers import HUNDRED, divide_half_up, exact_mul, format_number
from .rules import (
    CountRule,
    DeductionRule,
    InfoRule,
    ManualRule,
    OptionRule,
    RatioRule,
    RelativeRule,
    YesNoRule,
)

__all__ = ["Explanation", "describe_rule", "render"]


_WORDS = {
    "vi": {
        "yes": "Có",
        "no": "Không",
        "entered": "Nhập",
        "points": "điểm",
        "capped_ratio": "tử số lớn hơn mẫu số, tính 100%",
        "zero_den": "mẫu số bằng 0",
        "below": "dưới mức thấp nhất",
        "max": "tối đa",
        "option": "Phương án",
        "best": "cao nhất khối",
        "best_zero": "cả khối đều bằng 0",
        "na": "Không áp dụng: loại {max} điểm khỏi tổng điểm tối đa",
        "unanswered": "Chưa trả lời",
        "not_submitted": "Không nộp",
        "info": "Thông tin",
        "info_none": "Thông tin, không tính điểm",
        "sum": "Tổng",
        "exceeds": "vượt mức tối đa",
        "items": "mục",
    },
    "en": {
        "yes": "Yes",
        "no": "No",
        "entered": "Entered",
        "points": "points",
        "capped_ratio": "numerator above denominator, counted as 100%",
        "zero_den": "denominator is 0",
        "below": "below the lowest band",
        "max": "maximum",
        "option": "Option",
        "best": "best in block",
        "best_zero": "the whole block is 0",
        "na": "Not applicable: {max} points removed from the maximum total",
        "unanswered": "Not answered",
        "not_submitted": "Not submitted",
        "info": "Information",
        "info_none": "Information, no points",
        "sum": "Total",
        "exceeds": "exceeds the maximum",
        "items": "items",
    },
}


def _n(value: object, locale: str) -> str:
    if isinstance(value, Decimal | int):
        return format_number(value, locale)
    return str(value)


def _percent(num: Decimal, den: Decimal) -> Decimal:
    return divide_half_up(exact_mul(num, HUNDRED), den)


def render(explanation: Explanation, locale: str = "vi") -> str:
    """One line for people, in ``vi`` (default) or ``en``."""
    lang = "vi" if locale.startswith("vi") else "en"
    w = _WORDS[lang]
    kind, *v = explanation

    def n(value: object) -> str:
        return _n(value, lang)

    def got(p: object, m: object) -> str:
        return f"{n(p)}/{n(m)}"

    if kind == "yes_no":
        answer, pts, mx = v
        return f"{w['yes'] if answer else w['no']} → {got(pts, mx)}"
    if kind == "manual":
        pts, mx = v
        return f"{w['entered']} {n(pts)} {w['points']} → {got(pts, mx)}"
    if kind == "ratio_proportional":
        num, den, capped, pts, mx = v
        note = f" ({w['capped_ratio']})" if capped else ""
        return f"{n(num)}/{n(den)} = {n(_percent(num, den))}%{note} × {n(mx)} → {got(pts, mx)}"
    if kind == "ratio_band":
        num, den, threshold, pts, mx = v
        pct = n(_percent(num, den))
        if threshold is None:
            return f"{n(num)}/{n(den)} = {pct}% ({w['below']}) → {got(pts, mx)}"
        return f"{n(num)}/{n(den)} = {pct}% ≥ {n(threshold)}% → {got(pts, mx)}"
    if kind == "ratio_zero_denominator":
        num, den, pts, mx = v
        return f"{n(num)}/{n(den)}: {w['zero_den']} → {got(pts, mx)}"
    if kind == "count_band":
        count, threshold, pts, mx = v
        if threshold is None:
            return f"{n(count)} ({w['below']}) → {got(pts, mx)}"
        return f"{n(count)} ≥ {n(threshold)} → {got(pts, mx)}"
    if kind == "count_per_item":
        count, per_item, raw, pts, mx = v
        capped = f", {w['max']} {n(mx)}" if raw != pts else ""
        return f"{n(count)} × {n(per_item)} = {n(raw)}{capped} → {got(pts, mx)}"
    if kind == "option":
        code, label, pts, mx = v
        return f"{w['option']} {code} ({label}) → {got(pts, mx)}"
    if kind == "deduction":
        count, per_item, pts, mx = v
        return f"{n(mx)} − {n(count)} × {n(per_item)} → {got(pts, mx)}"
    if kind == "relative":
        num, den, best_num, best_den, as_percent, pts, mx = v
        scale = HUNDRED if as_percent else Decimal(1)
        unit = "%" if as_percent else ""
        figure = n(divide_half_up(exact_mul(num, scale), den)) + unit
        if best_num == 0:
            return f"{figure} ({w['best_zero']}) → {got(pts, mx)}"
        best = n(divide_half_up(exact_mul(best_num, scale), best_den)) + unit
        return f"{figure} / {best} ({w['best']}) × {n(mx)} → {got(pts, mx)}"
    if kind == "info":
        (value,) = v
        if value == "":
            return str(w["info_none"])
        return f"{w['info']}: {n(value)}"
    if kind == "not_applicable":
        (mx,) = v
        return str(w["na"]).format(max=n(mx))
    if kind == "unanswered":
        (mx,) = v
        return f"{w['unanswered']} → {got(0, mx)}"
    if kind == "not_submitted":
        (mx,) = v
        return f"{w['not_submitted']} → {got(0, mx)}"
    if kind == "sum":
        total, pts, mx = v
        if total != pts:
            return f"{w['sum']} {n(total)} {w['exceeds']} {n(mx)} → {got(pts, mx)}"
        return f"{w['sum']} → {got(pts, mx)}"
    raise ValueError(f"unknown explanation kind {kind!r}")


_RULE_WORDS = {
    "vi": {
        "yes": "Có",
        "no": "Không",
        "pts": "điểm",
        "manual": "Nhập điểm từ 0 đến {max}, bước {step}",
        "ratio": "Điểm = {num} / {den} × {max}; tỷ lệ trên 100% tính 100%",
        "ratio_default_num": "tử số",
        "ratio_default_den": "mẫu số",
        "ratio_bands": "Tỷ lệ {num} / {den}",
        "at_least": "từ {t}{unit}",
        "per_item": "{per} điểm cho mỗi {label}, tối đa {max}",
        "default_item": "mục",
        "deduction": "{max} điểm, trừ {per} điểm cho mỗi {label}, thấp nhất 0",
        "relative": "Điểm = {label} của đơn vị / {label} cao nhất khối × {max}",
        "default_figure": "số liệu",
        "info": "Thông tin, không tính điểm",
        "zero": "mẫu số bằng 0: ",
        "zero_values": {"zero": "0 điểm", "full": "đủ điểm", "not_applicable": "không áp dụng"},
    },
    "en": {
        "yes": "Yes",
        "no": "No",
        "pts": "points",
        "manual": "Points entered from 0 to {max}, in steps of {step}",
        "ratio": "Points = {num} / {den} × {max}; a ratio above 100% counts as 100%",
        "ratio_default_num": "numerator",
        "ratio_default_den": "denominator",
        "ratio_bands": "Ratio {num} / {den}",
        "at_least": "from {t}{unit}",
        "per_item": "{per} points per {label}, at most {max}",
        "default_item": "item",
        "deduction": "{max} points, minus {per} per {label}, at least 0",
        "relative": "Points = the unit's {label} / the block's highest {label} × {max}",
        "default_figure": "figure",
        "info": "Information, no points",
        "zero": "denominator 0: ",
        "zero_values": {
            "zero": "0 points",
            "full": "full points",
            "not_applicable": "not applicable",
        },
    },
}


def describe_rule(rule: object, max_points: Decimal | None, locale: str = "vi") -> str:
    """How a rule gives points, in one or two sentences (for forms and public pages)."""
    lang = "vi" if locale.startswith("vi") else "en"
    w: dict[str, Any] = _RULE_WORDS[lang]
    mx = max_points if max_points is not None else Decimal(0)

    def n(value: Decimal) -> str:
        return format_number(value, lang)

    def pts(value: Decimal) -> str:
        return f"{n(value)} {w['pts']}"

    if isinstance(rule, YesNoRule):
        yes = mx if rule.yes_points is None else rule.yes_points
        return f"{w['yes']}: {pts(yes)}; {w['no']}: {pts(rule.no_points)}"
    if isinstance(rule, ManualRule):
        return str(w["manual"].format(max=n(mx), step=n(rule.step)))
    if isinstance(rule, RatioRule):
        num = rule.numerator_label or w["ratio_default_num"]
        den = rule.denominator_label or w["ratio_default_den"]
        if rule.mode == "bands":
            bands = "; ".join(
                f"{w['at_least'].format(t=n(b.at_least), unit='%')}: {pts(b.points)}"
                for b in rule.bands
            )
            text = f"{w['ratio_bands'].format(num=num, den=den)}: {bands}"
        else:
            text = str(w["ratio"].format(num=num, den=den, max=n(mx)))
        if rule.zero_denominator != "error":
            text += f"; {w['zero']}{w['zero_values'][rule.zero_denominator]}"
        return text
    if isinstance(rule, CountRule):
        label = rule.label or w["default_item"]
        if rule.mode == "per_item":
            return str(w["per_item"].format(per=n(rule.per_item), label=label, max=n(mx)))
        bands = "; ".join(
            f"{w['at_least'].format(t=n(b.at_least), unit='')}: {pts(b.points)}" for b in rule.bands
        )
        return f"{label}: {bands}"
    if isinstance(rule, OptionRule):
        return "; ".join(f"{o.code}. {o.label}: {pts(o.points)}" for o in rule.options)
    if isinstance(rule, DeductionRule):
        label = rule.label or w["default_item"]
        return str(w["deduction"].format(max=n(mx), per=n(rule.per_item), label=label))
    if isinstance(rule, RelativeRule):
        label = rule.label or w["default_figure"]
        if rule.input == "ratio":
            label = f"{rule.numerator_label or w['ratio_default_num']} / {rule.denominator_label or w['ratio_default_den']}"
        return str(w["relative"].format(label=label, max=n(mx)))
    if isinstance(rule, InfoRule):
        return str(w["info"])
    raise TypeError(f"unknown rule {rule!r}")
