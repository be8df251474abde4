"""The review pages in the permission matrix (tests/test_permission_matrix.py).

The reviewers' pages: people without a review role get 403, reviews outside a
reviewer's reach 404. The administrator and the provincial reviewer read every review;
only a form's reviewer acts on it (others who may read it get 403). The district
reviewer reviews Văn Lâm's communes (Lạc Đạo, Chỉ Đạo), not Văn Giang's Xuân Quan; the
provincial reviewer reviews the departments and districts. A post that the form's state
refuses answers 409.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from egovrank.testing.matrix import POST_ONLY, Case, expect
from egovrank.testing.world import World

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def reviewers(administrator: int, provincial: int, district: int) -> dict[str, int]:
    """Answers of the three review roles; everyone else has no review role (403)."""
    return expect(
        403,
        anonymous=302,
        administrator=administrator,
        provincial_reviewer=provincial,
        district_reviewer=district,
    )


READ_BY_PROVINCE = reviewers(200, 200, 404)
READ_BY_ALL_REVIEWERS = reviewers(200, 200, 200)
MISSING = reviewers(404, 404, 404)
# A post on a department's form: its reviewer (the province's) acts.
ACT_ON_DEPARTMENT = reviewers(403, 302, 404)
STEP_ON_DEPARTMENT = reviewers(403, 200, 404)
REFUSED_ON_DEPARTMENT = reviewers(403, 409, 404)
INVALID_ON_DEPARTMENT = reviewers(403, 400, 404)
# A post on a commune of Văn Lâm: the district's reviewer acts.
REFUSED_ON_COMMUNE = reviewers(403, 403, 409)
ACT_ON_COMMUNE = reviewers(403, 403, 302)


def form_of(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {"year": world.period.year, "unit": world.participants[key].unit_code}

    return kwargs


def on(key: str, code: str) -> Any:
    return lambda world: {**form_of(key)(world), "code": code}


def _submit(world: World, key: str) -> None:
    from egovrank.assessments.demo import fill_demo_form, plausible_answers
    from egovrank.assessments.queries import criteria_set_for

    participant = world.participants[key]
    answers = plausible_answers(criteria_set_for(participant), seed=1)
    fill_demo_form(participant, answers, submit=True)


def submitted(key: str, code: str = "") -> Any:
    """The form of ``key``, filled in and submitted (and a criterion of it)."""

    def kwargs(world: World) -> dict[str, Any]:
        _submit(world, key)
        return on(key, code)(world) if code else form_of(key)(world)

    return kwargs


def with_figures(key: str, submit: bool = True, code: str = "TONG_CBCCVC") -> Any:
    """The form of ``key`` under a set with shared figures (TONG_CBCCVC), filled in and
    submitted, and one of its figures."""

    def kwargs(world: World) -> dict[str, Any]:
        from egovrank.assessments.tests.test_shared_figures import shared_version
        from egovrank.periods.models import PeriodBlock

        block = world.participants[key].block
        PeriodBlock.objects.filter(period=world.period, block=block).update(
            version=shared_version()
        )
        if submit:
            _submit(world, key)
        return on(key, code)(world)

    return kwargs


def figure_data(world: World) -> dict[str, Any]:
    # Above every numerator the demo's plausible answers give: nothing refuses it.
    return {"revision": 0, "value": "100000", "reason": "Theo danh sách trả lương"}


def approved(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        from egovrank.review.actions import do_approve

        _submit(world, key)
        reviewer = world.provincial_reviewer if key == "sotc" else world.district_reviewer
        do_approve(world.participants[key], actor=reviewer)
        return form_of(key)(world)

    return kwargs


def document_of(kwargs: Any, fmt: str = "docx") -> Any:
    return lambda world: {**kwargs(world), "fmt": fmt}


def deadline_passed(key: str) -> Any:
    """A form never started, with the self-assessment deadline behind."""

    def kwargs(world: World) -> dict[str, Any]:
        from egovrank.periods.models import Period

        Period.objects.filter(pk=world.period.pk).update(
            self_assessment_deadline=timezone.now() - timedelta(days=1)
        )
        return form_of(key)(world)

    return kwargs


def district(key: str) -> Any:
    return lambda world: {"year": world.period.year, "district": world.units[key].code}


def closed_communes(world: World) -> dict[str, Any]:
    """Văn Lâm with both its communes closed as not submitted: ready to forward."""
    from egovrank.assessments.models import Assessment

    for key in ("lacdao", "chidao"):
        Assessment.objects.create(participant=world.participants[key], state="not_submitted")
    return district("vanlam")(world)


def forwarded(world: World) -> dict[str, Any]:
    """Văn Lâm's results standing at Sở TT&TT."""
    from egovrank.review.models import Forwarding

    Forwarding.objects.create(
        period=world.period, district=world.units["vanlam"], forwarded_by=world.district_reviewer
    )
    return district("vanlam")(world)


def two_tier_district(world: World) -> dict[str, Any]:
    """Văn Lâm in a 2025 period in review: two tiers, so nothing to forward (the page
    says why; the posts are refused)."""
    from egovrank.periods.models import Period

    Period.objects.create(year=2025, title="Đánh giá năm 2025", state="review")
    return {"year": 2025, "district": world.units["vanlam"].code}


def return_data(world: World) -> dict[str, Any]:
    deadline = timezone.localtime(timezone.now() + timedelta(days=7))
    return {"message": "Bổ sung minh chứng.", "deadline": deadline.strftime(LOCAL_INPUT)}


def confirmed_return(world: World) -> dict[str, Any]:
    return {**return_data(world), "confirmed": "yes"}


def adjust_data(world: World) -> dict[str, Any]:
    return {"revision": 0, "numerator": "100", "denominator": "150", "reason": "Sai số liệu"}


REVISION = {"revision": 0}
REASON = {"reason": "Lý do"}

CASES: list[Case] = [
    # The queue.
    Case("review:queue", READ_BY_ALL_REVIEWERS),
    Case(
        "review:queue",
        READ_BY_ALL_REVIEWERS,
        "filtered",
        data=lambda w: {"year": w.period.year, "state": "submitted", "block": "KHOI03"},
    ),
    Case("review:queue", READ_BY_ALL_REVIEWERS, "every unit", data=lambda w: {"scope": "all"}),
    # The review of one form.
    Case("review:detail", READ_BY_PROVINCE, "department", form_of("sotc")),
    Case("review:detail", READ_BY_PROVINCE, "submitted department", submitted("sotc")),
    Case("review:detail", READ_BY_PROVINCE, "district", form_of("vanlam")),
    Case(
        "review:detail",
        READ_BY_ALL_REVIEWERS,
        "commune of the reviewed district",
        form_of("lacdao"),
    ),
    Case(
        "review:detail",
        READ_BY_ALL_REVIEWERS,
        "submitted commune of the reviewed district",
        submitted("chidao"),
    ),
    Case("review:detail", READ_BY_PROVINCE, "commune of another district", form_of("xuanquan")),
    Case("review:detail", MISSING, "missing", lambda w: {"year": w.period.year, "unit": "none"}),
    Case("review:detail", MISSING, "another year", lambda w: {"year": 1999, "unit": "K01-05"}),
    # The review result document: its readers, and the unit once approved (403 before).
    Case(
        "review:result_document",
        {
            **READ_BY_PROVINCE,
            "outsider": 403,
            "unit_officer": 403,
            "unit_head": 403,
            "commune_officer": 404,
        },
        "submitted department",
        document_of(submitted("sotc")),
    ),
    Case(
        "review:result_document",
        {
            **READ_BY_PROVINCE,
            "outsider": 403,
            "unit_officer": 200,
            "unit_head": 200,
            "commune_officer": 404,
        },
        "approved department",
        document_of(approved("sotc")),
    ),
    Case(
        "review:result_document",
        {
            **READ_BY_ALL_REVIEWERS,
            "outsider": 403,
            "unit_officer": 404,
            "unit_head": 404,
            "commune_officer": 403,
        },
        "submitted commune of the reviewed district",
        document_of(submitted("lacdao")),
    ),
    Case(
        "review:result_document",
        {**MISSING, "outsider": 403, "unit_officer": 404, "unit_head": 404, "commune_officer": 404},
        "missing",
        lambda w: {"year": w.period.year, "unit": "none", "fmt": "pdf"},
    ),
    # Verdicts on one criterion.
    Case("review:accept", POST_ONLY, "department", on("sotc", "HT1")),
    Case(
        "review:accept",
        ACT_ON_DEPARTMENT,
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept",
        REFUSED_ON_DEPARTMENT,
        "department not submitted",
        on("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept",
        REFUSED_ON_COMMUNE,
        "commune not submitted",
        on("lacdao", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept",
        reviewers(403, 403, 302),
        "submitted commune of the reviewed district",
        submitted("lacdao", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept",
        reviewers(403, 403, 404),
        "submitted commune of another district",
        submitted("xuanquan", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept",
        reviewers(403, 404, 404),
        "no such criterion",
        submitted("sotc", "XX9"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("review:adjust", POST_ONLY, "department", on("sotc", "HT1")),
    Case(
        "review:adjust",
        ACT_ON_DEPARTMENT,
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=adjust_data,
    ),
    Case(
        "review:adjust",
        INVALID_ON_DEPARTMENT,
        "without a reason",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: {"revision": 0, "numerator": "1", "denominator": "2"},
    ),
    Case("review:clear", POST_ONLY, "department", on("sotc", "HT1")),
    Case(
        "review:clear",
        ACT_ON_DEPARTMENT,
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    # Verdicts on one of the set's shared figures.
    Case("review:adjust_figure", POST_ONLY, "department", with_figures("sotc")),
    Case(
        "review:adjust_figure",
        ACT_ON_DEPARTMENT,
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=figure_data,
    ),
    Case(
        "review:adjust_figure",
        INVALID_ON_DEPARTMENT,
        "without a reason",
        with_figures("sotc"),
        method="post",
        data=lambda w: {"revision": 0, "value": "100000"},
    ),
    Case(
        "review:adjust_figure",
        REFUSED_ON_DEPARTMENT,
        "department not submitted",
        with_figures("sotc", submit=False),
        method="post",
        data=figure_data,
    ),
    Case(
        "review:adjust_figure",
        reviewers(403, 404, 404),
        "no such figure",
        with_figures("sotc", code="HT1"),
        method="post",
        data=figure_data,
    ),
    Case(
        "review:adjust_figure",
        reviewers(403, 403, 302),
        "submitted commune of the reviewed district",
        with_figures("lacdao"),
        method="post",
        data=figure_data,
    ),
    Case("review:accept_figure", POST_ONLY, "department", with_figures("sotc")),
    Case(
        "review:accept_figure",
        ACT_ON_DEPARTMENT,
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept_figure",
        REFUSED_ON_DEPARTMENT,
        "department not submitted",
        with_figures("sotc", submit=False),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:accept_figure",
        reviewers(403, 404, 404),
        "no such figure",
        with_figures("sotc", code="HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("review:clear_figure", POST_ONLY, "department", with_figures("sotc")),
    Case(
        "review:clear_figure",
        ACT_ON_DEPARTMENT,
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "review:clear_figure",
        REFUSED_ON_DEPARTMENT,
        "department not submitted",
        with_figures("sotc", submit=False),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("review:comment", POST_ONLY, "department", on("sotc", "HT1")),
    Case(
        "review:comment",
        ACT_ON_DEPARTMENT,
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: {"text": "Bổ sung danh sách máy tính."},
    ),
    # The steps of the review.
    Case("review:return", POST_ONLY, "department", form_of("sotc")),
    # The confirmation step first (what the unit will see), then the binding post.
    Case(
        "review:return",
        STEP_ON_DEPARTMENT,
        "submitted department, confirmation step",
        submitted("sotc"),
        method="post",
        data=return_data,
    ),
    Case(
        "review:return",
        ACT_ON_DEPARTMENT,
        "submitted department, confirmed",
        submitted("sotc"),
        method="post",
        data=confirmed_return,
    ),
    Case(
        "review:return",
        INVALID_ON_DEPARTMENT,
        "without a deadline",
        submitted("sotc"),
        method="post",
        data=lambda w: {"message": "Bổ sung."},
    ),
    Case("review:approve", POST_ONLY, "department", form_of("sotc")),
    Case(
        "review:approve",
        STEP_ON_DEPARTMENT,
        "submitted department, confirmation step",
        submitted("sotc"),
        "post",
    ),
    Case(
        "review:approve",
        ACT_ON_DEPARTMENT,
        "submitted department, confirmed",
        submitted("sotc"),
        method="post",
        data=lambda w: {"confirmed": "yes"},
    ),
    Case("review:approve", REFUSED_ON_COMMUNE, "commune not submitted", form_of("lacdao"), "post"),
    Case("review:reopen", POST_ONLY, "department", form_of("sotc")),
    Case(
        "review:reopen",
        ACT_ON_DEPARTMENT,
        "approved department",
        approved("sotc"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "review:reopen",
        REFUSED_ON_DEPARTMENT,
        "department in self-assessment",
        form_of("sotc"),
        method="post",
        data=lambda w: REASON,
    ),
    Case("review:not_submitted", POST_ONLY, "department", form_of("sotc")),
    Case(
        "review:not_submitted",
        REFUSED_ON_COMMUNE,
        "commune before its deadline",
        form_of("lacdao"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "review:not_submitted",
        ACT_ON_COMMUNE,
        "commune after its deadline",
        deadline_passed("lacdao"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "review:not_submitted",
        reviewers(403, 403, 400),
        "without a reason",
        deadline_passed("lacdao"),
        "post",
    ),
    # A district's communes and their forwarding.
    Case("review:district", READ_BY_ALL_REVIEWERS, "reviewed district", district("vanlam")),
    Case("review:district", READ_BY_PROVINCE, "another district", district("vangiang")),
    Case("review:district", READ_BY_ALL_REVIEWERS, "forwarded", forwarded),
    Case("review:district", READ_BY_ALL_REVIEWERS, "ready to forward", closed_communes),
    Case(
        "review:district",
        MISSING,
        "a department is no district",
        lambda w: {"year": w.period.year, "district": w.units["sotc"].code},
    ),
    Case(
        "review:district",
        MISSING,
        "another year",
        lambda w: {"year": 1999, "district": w.units["vanlam"].code},
    ),
    Case("review:forward", POST_ONLY, "reviewed district", district("vanlam")),
    Case(
        "review:forward",
        reviewers(403, 403, 409),
        "communes not reviewed",
        district("vanlam"),
        "post",
    ),
    Case("review:forward", reviewers(403, 403, 302), "ready", closed_communes, "post"),
    Case(
        "review:forward", reviewers(403, 403, 404), "another district", district("vangiang"), "post"
    ),
    Case("review:send_back", POST_ONLY, "reviewed district", district("vanlam")),
    Case(
        "review:send_back",
        reviewers(302, 302, 403),
        "forwarded",
        forwarded,
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "review:send_back",
        reviewers(409, 409, 403),
        "not forwarded",
        district("vanlam"),
        method="post",
        data=lambda w: REASON,
    ),
    Case("review:send_back", reviewers(400, 400, 403), "without a reason", forwarded, "post"),
    # A two-tier period: the page explains, forwarding and sending back are refused.
    Case("review:district", READ_BY_ALL_REVIEWERS, "two tiers", two_tier_district),
    Case("review:forward", reviewers(403, 403, 409), "two tiers", two_tier_district, "post"),
    Case(
        "review:send_back",
        reviewers(409, 409, 403),
        "two tiers",
        two_tier_district,
        method="post",
        data=lambda w: REASON,
    ),
]


def _year(world: World) -> dict[str, Any]:
    return {"year": world.period.year}


def _grid_cases(name: str) -> list[Case]:
    """The reviewer's grid and its export: every reviewer, each on the units it reads."""
    return [
        Case(name, READ_BY_ALL_REVIEWERS, "first block", _year),
        Case(name, READ_BY_PROVINCE, "departments", _year, data=lambda w: {"block": "KHOI01"}),
        Case(
            name,
            READ_BY_ALL_REVIEWERS,
            "communes verified, sorted",
            _year,
            data=lambda w: {"block": "KHOI03", "show": "verified", "sort": "HT1", "order": "desc"},
        ),
        Case(name, MISSING, "unknown block", _year, data=lambda w: {"block": "KHOI99"}),
        Case(name, MISSING, "another year", lambda w: {"year": 1999}),
    ]


CASES += [*_grid_cases("review:grid"), *_grid_cases("review:grid_export")]
