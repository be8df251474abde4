"""Benchmark: score and rank a national-scale block with the pure scoring core.

Builds a synthetic input (12,000 units by default, a set of 80 point-carrying leaf
criteria mixing every rule kind, plus informational fields), scored the way DTI sets
are (``scoring:`` three places, truncated, rounded only at the total, a converted score,
four levels with a strict bound; ``--scoring default`` for two places half up at each
criterion, the sets without a ``scoring`` block), then times
``score_block`` (both phases: best figures, then every unit, then ranking) and reports
peak memory. Prints figures; asserts nothing. Target on a 2-core machine: < 3 s, < 500 MB.

    .venv/bin/python benchmarks/scoring.py [--units 12000] [--repeat 3] [--scoring dti]
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from egovrank.scoring.answers import NA, Answer, Choice, Number, Points, Ratio, Text, YesNo  # noqa: E402
from egovrank.scoring.engine import UnitInput, score_block  # noqa: E402
from egovrank.scoring.fileformat.build import FORMAT, build_criteria_set  # noqa: E402
from egovrank.scoring.tree import CriteriaSet  # noqa: E402

KINDS = [
    ("yes_no", {"kind": "yes_no"}),
    ("manual", {"kind": "manual", "step": Decimal("0.5")}),
    ("ratio", {"kind": "ratio", "mode": "proportional"}),
    (
        "ratio_bands",
        {
            "kind": "ratio",
            "mode": "bands",
            "bands": [
                {"at_least": Decimal(50), "points": Decimal(4)},
                {"at_least": Decimal(80), "points": Decimal(8)},
                {"at_least": Decimal(100), "points": Decimal(10)},
            ],
        },
    ),
    (
        "count_bands",
        {
            "kind": "count",
            "mode": "bands",
            "bands": [{"at_least": Decimal(n), "points": Decimal(n * 2)} for n in (1, 2, 3, 4, 5)],
        },
    ),
    ("count_per_item", {"kind": "count", "mode": "per_item", "per_item": Decimal(3)}),
    (
        "option",
        {
            "kind": "option",
            "options": [
                {"code": "A", "label": "Đầy đủ", "points": Decimal(10)},
                {"code": "B", "label": "Một phần", "points": Decimal(5)},
                {"code": "C", "label": "Không", "points": Decimal(0)},
            ],
        },
    ),
    ("deduction", {"kind": "deduction", "per_item": Decimal(2)}),
    ("relative", {"kind": "relative_to_best"}),
    ("relative_ratio", {"kind": "relative_to_best", "input": "ratio"}),
]


# How the set rounds: the DTI conventions (the harder path: unrounded sums, the total
# rounded and proven), the same rounded at each criterion, or today's default.
SCORINGS: dict[str, dict[str, Any]] = {
    "dti": {
        "points_decimals": 3,
        "rounding": "truncate",
        "round_at": "total",
        "converted_scale": 1000,
    },
    "criterion": {"points_decimals": 3, "rounding": "truncate", "round_at": "criterion"},
    "default": {},
}
DTI_LEVELS = [
    {"code": "muc4", "name": "Mức IV", "min_percent": Decimal(75), "strict": True},
    {"code": "muc3", "name": "Mức III", "min_percent": Decimal(50)},
    {"code": "muc2", "name": "Mức II", "min_percent": Decimal(25)},
    {"code": "muc1", "name": "Mức I", "min_percent": Decimal(0)},
]


def build_set(scoring: str = "dti") -> CriteriaSet:
    groups = []
    for g in range(8):
        leaves: list[dict[str, Any]] = []
        for i in range(10):
            name, rule = KINDS[(g + i) % len(KINDS)]
            leaves.append(
                {
                    "code": f"G{g}.{i}",
                    "name": f"{name} {g}.{i}",
                    "max_points": Decimal(10),
                    "rule": rule,
                    "allow_na": i == 9,
                }
            )
        groups.append(
            {"code": f"G{g}", "name": f"Nhóm {g}", "max_points": Decimal(95), "children": leaves}
        )
    info = {
        "code": "TT",
        "name": "Thông tin chung",
        "children": [
            {"code": "TT1", "name": "Số CBCCVC", "rule": {"kind": "info", "value_type": "number"}},
            {"code": "TT2", "name": "Người phụ trách", "rule": {"kind": "info"}},
        ],
    }
    document: dict[str, Any] = {
        "format": FORMAT,
        "id": "bench",
        "title": "Benchmark",
        "nodes": [info, *groups],
    }
    if SCORINGS[scoring]:
        document["scoring"] = SCORINGS[scoring]
        document["levels"] = DTI_LEVELS
    return build_criteria_set(document, lambda path: "bench", "bench")


def answer(rnd: random.Random, kind: str, allow_na: bool) -> Answer | None:
    if allow_na and rnd.random() < 0.1:
        return NA
    if rnd.random() < 0.03:
        return None  # left unanswered
    if kind == "yes_no":
        return YesNo(rnd.random() < 0.7)
    if kind == "manual":
        return Points(Decimal(rnd.randint(0, 20)) / 2)
    if kind in {"ratio", "ratio_bands", "relative_ratio"}:
        den = rnd.randint(1, 500)
        return Ratio(Decimal(rnd.randint(0, den)), Decimal(den))
    if kind in {"count_bands", "count_per_item", "deduction"}:
        return Number(Decimal(rnd.randint(0, 6)))
    if kind == "relative":
        return Number(Decimal(rnd.randint(0, 100_000)) / 100)
    if kind == "option":
        return Choice(rnd.choice("ABC"))
    raise AssertionError(kind)


def build_units(criteria_set: CriteriaSet, count: int, seed: int = 2749) -> list[UnitInput]:
    rnd = random.Random(seed)
    leaves = [
        (leaf.code, leaf.name.split()[0], leaf.allow_na)
        for leaf in criteria_set.leaves()
        if leaf.carries_points
    ]
    units = []
    for n in range(count):
        answers: dict[str, Answer] = {
            "TT1": Number(Decimal(rnd.randint(10, 300))),
            "TT2": Text("Nguyễn Văn A"),
        }
        for code, kind, allow_na in leaves:
            value = answer(rnd, kind, allow_na)
            if value is not None:
                answers[code] = value
        units.append(
            UnitInput(
                code=f"U{n:05d}",
                name=f"Xã {rnd.choice(['An', 'Ân', 'Bình', 'Đông', 'Dương', 'Hòa', 'Yên'])} {n}",
                answers=answers,
                submitted=rnd.random() > 0.02,
                parent=f"H{n % 700:03d}",
            )
        )
    return units


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=12_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scoring", choices=sorted(SCORINGS), default="dti")
    args = parser.parse_args()

    criteria_set = build_set(args.scoring)
    leaves = sum(1 for leaf in criteria_set.leaves() if leaf.carries_points)
    started = time.perf_counter()
    units = build_units(criteria_set, args.units)
    built = time.perf_counter() - started
    rss_input = peak_rss_mb()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {args.units:,} units x {leaves} scored criteria, scoring {args.scoring}"
    )
    print(
        f"input built in {built:.2f} s (not part of the figures below); peak RSS so far {rss_input:.0f} MB"
    )

    timings = []
    result = None
    for _ in range(args.repeat):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = score_block(criteria_set, units)
        timings.append(time.perf_counter() - started)
    assert result is not None
    rss_peak = peak_rss_mb()

    result = None
    gc.collect()
    tracemalloc.start()
    result = score_block(criteria_set, units)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    best = min(timings)
    print(
        f"score + rank, best of {args.repeat}: {best:.2f} s  (all runs: {', '.join(f'{t:.2f}' for t in timings)})"
    )
    print(f"per unit: {best / args.units * 1e6:.0f} µs")
    print(f"peak RSS of the process: {rss_peak:.0f} MB (input alone {rss_input:.0f} MB)")
    print(f"peak Python allocations while scoring (tracemalloc): {traced_peak / 2**20:.0f} MB")
    first = result.rows[0]
    print(
        f"rank 1: {first.unit.name} {first.score.points}/{first.score.max_points} {first.score.percent_text()} {first.score.level_name()}"
    )


if __name__ == "__main__":
    main()
