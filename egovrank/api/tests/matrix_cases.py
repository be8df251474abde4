"""The REST API and the API token pages in the permission matrix
(tests/test_permission_matrix.py).

The API answers as the pages do, with two differences of form: anonymous callers get
401 (JSON), never a redirect to sign in, and a change that succeeds answers 200, 201 or
204 instead of redirecting. Everything else is the pages' answer: 403 for a role that
does not open the endpoint or may only read, 404 for what is missing or out of reach,
400 for what is refused as sent, 409 for what the object's state refuses.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from egovrank.assessments.tests.matrix_cases import sotc_file, sotc_link
from egovrank.results.tests.matrix_cases import in_review, published
from egovrank.review.tests.matrix_cases import (
    adjust_data,
    approved,
    closed_communes,
    deadline_passed,
    figure_data,
    forwarded,
    return_data,
    submitted,
    with_figures,
)
from egovrank.testing.matrix import POST_ONLY, PUBLIC, SIGNED_IN, Case, expect
from egovrank.testing.world import World

# --- vocabulary ---------------------------------------------------------------------------

API_WITH_A_ROLE = expect(200, anonymous=401, outsider=403)
API_NOT_FOR_ROLES_404 = expect(404, anonymous=401, outsider=403)
NOT_FOUND = expect(404)


def api_seen_by(*personas: str) -> dict[str, int]:
    """A unit's object: the listed personas see it, other role holders get 404."""
    return {**API_NOT_FOR_ROLES_404, **dict.fromkeys(personas, 200)}


def change(
    status: int, *actors: str, readers: tuple[str, ...] = (), others: int = 404
) -> dict[str, int]:
    """A change to a form: ``actors`` get ``status``, ``readers`` (who may see the form but
    not change it) 403, every other role holder ``others``."""
    answers = expect(others, anonymous=401, outsider=403)
    answers.update(dict.fromkeys(readers, 403))
    answers.update(dict.fromkeys(actors, status))
    return answers


def reviewers(administrator: int, provincial: int, district: int) -> dict[str, int]:
    """Answers of the three review roles; everyone else has no review role (403)."""
    return expect(
        403,
        anonymous=401,
        administrator=administrator,
        provincial_reviewer=provincial,
        district_reviewer=district,
    )


READERS_OF_SOTC = ("administrator", "provincial_reviewer", "unit_officer", "unit_head")
SOTC_READERS = ("administrator", "provincial_reviewer")
SOTC_UNIT = ("unit_officer", "unit_head")
ASSESSMENT_POST_ONLY = expect(405, anonymous=401, outsider=403)
REVIEW_POST_ONLY = reviewers(405, 405, 405)

# --- targets ------------------------------------------------------------------------------


def code_of(key: str) -> Any:
    return lambda world: {"code": world.units[key].code}


def form_of(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {"year": world.period.year, "unit": world.participants[key].unit_code}

    return kwargs


def on(key: str, code: str) -> Any:
    return lambda world: {**form_of(key)(world), "code": code}


def district(key: str) -> Any:
    return lambda world: {"year": world.period.year, "district": world.units[key].code}


def answered(key: str, code: str) -> Any:
    """A criterion of ``key``'s form saved once by its officer (revision 1)."""

    def kwargs(world: World) -> dict[str, Any]:
        from egovrank.assessments.actions import AnswerInput, do_save_answer

        participant = world.participants[key]
        do_save_answer(participant, code, AnswerInput("no"), revision=0, actor=world.unit_officer)
        return on(key, code)(world)

    return kwargs


def pdf(world: World) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4\n%test\n", "application/pdf")}


def figures(content: bytes) -> Any:
    def data(world: World) -> dict[str, Any]:
        upload = SimpleUploadedFile("so-lieu.csv", content, "text/csv")
        return {"file": upload, "source": "Cổng dịch vụ công, thống kê 2019"}

    return data


def officers_token(world: World) -> dict[str, Any]:
    from egovrank.api.actions import do_create_token

    token, _secret = do_create_token(world.unit_officer, "Cổng DVC", actor=world.unit_officer)
    return {"pk": token.pk}


REVISION = {"revision": 0}
REASON = {"reason": "Lý do"}
OWNER_ONLY = expect(404, anonymous=302, unit_officer=302)

CASES: list[Case] = [
    # The schema and its documentation: public.
    Case("api:schema", PUBLIC),
    Case("api:docs", PUBLIC),
    # Units.
    Case("api:units", API_WITH_A_ROLE),
    Case("api:units", API_WITH_A_ROLE, "filtered", data=lambda w: {"block": "KHOI03", "q": "xã"}),
    Case(
        "api:units",
        expect(400, anonymous=401, outsider=403),
        "a kind that does not exist",
        data=lambda w: {"kind": "planet"},
    ),
    Case("api:unit", api_seen_by(*SOTC_READERS, *SOTC_UNIT), "own department", code_of("sotc")),
    Case("api:unit", api_seen_by(*SOTC_READERS), "another department", code_of("soxd")),
    Case(
        "api:unit",
        api_seen_by(*SOTC_READERS, "district_reviewer", "commune_officer"),
        "own commune",
        code_of("lacdao"),
    ),
    Case(
        "api:unit", api_seen_by(*SOTC_READERS), "commune of another district", code_of("xuanquan")
    ),
    Case("api:unit", API_NOT_FOR_ROLES_404, "missing", lambda w: {"code": "no-such-unit"}),
    # Criteria sets: public.
    Case("api:versions", PUBLIC),
    Case("api:version", PUBLIC, "a shipped set", lambda w: {"set_id": "hungyen-2018-khoi01"}),
    Case("api:version", NOT_FOUND, "missing", lambda w: {"set_id": "no-such-set"}),
    # Periods.
    Case("api:periods", API_WITH_A_ROLE),
    Case("api:period", API_WITH_A_ROLE, "open period", lambda w: {"year": w.period.year}),
    Case("api:period", API_NOT_FOR_ROLES_404, "missing", lambda w: {"year": 1999}),
    # Figures from other systems: the administrator's.
    Case(
        "api:figures",
        expect(403, anonymous=401, administrator=405),
        "open period",
        lambda w: {"year": w.period.year},
    ),
    Case(
        "api:figures",
        expect(403, anonymous=401, administrator=200),
        "open period",
        lambda w: {"year": w.period.year},
        method="post",
        data=figures(b"unit_code,criterion,value\nK01-05,HT3.1,yes\n"),
    ),
    Case(
        "api:figures",
        expect(403, anonymous=401, administrator=400),
        "a unit that does not exist",
        lambda w: {"year": w.period.year},
        method="post",
        data=figures(b"unit_code,criterion,value\nNOPE,HT3.1,yes\n"),
    ),
    Case(
        "api:figures",
        expect(403, anonymous=401, administrator=404),
        "missing",
        lambda w: {"year": 1999},
        method="post",
        data=figures(b"unit_code,criterion,value\n"),
    ),
    # Self-assessments.
    Case("api:assessments", API_WITH_A_ROLE),
    Case(
        "api:assessments",
        API_WITH_A_ROLE,
        "filtered",
        data=lambda w: {"year": w.period.year, "state": "not_started", "district": "325"},
    ),
    Case("api:assessment", api_seen_by(*READERS_OF_SOTC), "own department", form_of("sotc")),
    Case("api:assessment", api_seen_by(*SOTC_READERS), "another department", form_of("soxd")),
    Case(
        "api:assessment",
        api_seen_by(*SOTC_READERS, "district_reviewer", "commune_officer"),
        "commune of the reviewed district",
        form_of("lacdao"),
    ),
    Case(
        "api:assessment",
        api_seen_by(*SOTC_READERS),
        "commune of another district",
        form_of("xuanquan"),
    ),
    Case(
        "api:assessment",
        API_NOT_FOR_ROLES_404,
        "missing",
        lambda w: {"year": w.period.year, "unit": "no-such-unit"},
    ),
    Case("api:answer", ASSESSMENT_POST_ONLY, "own department", on("sotc", "HT3.1")),
    Case(
        "api:answer",
        change(200, *SOTC_UNIT, readers=SOTC_READERS),
        "own department",
        on("sotc", "HT3.1"),
        method="post",
        data=lambda w: {"value": "yes", "revision": 0},
    ),
    Case(
        "api:answer",
        change(200, "commune_officer", readers=(*SOTC_READERS, "district_reviewer")),
        "commune of the reviewed district",
        on("lacdao", "TT1"),
        method="post",
        data=lambda w: {"value": "12", "revision": 0},
    ),
    Case(
        "api:answer",
        change(409, *SOTC_UNIT, readers=SOTC_READERS),
        "stale revision",
        answered("sotc", "HT3.1"),
        method="post",
        data=lambda w: {"value": "yes", "revision": 0},
    ),
    Case(
        "api:answer",
        change(400, *SOTC_UNIT, readers=SOTC_READERS),
        "no revision",
        on("sotc", "HT3.1"),
        method="post",
        data=lambda w: {"value": "yes"},
    ),
    Case(
        "api:answer",
        change(404, *SOTC_UNIT, readers=SOTC_READERS),
        "no such criterion",
        on("sotc", "XX9"),
        method="post",
        data=lambda w: {"value": "yes", "revision": 0},
    ),
    Case("api:submit", ASSESSMENT_POST_ONLY, "own department", form_of("sotc")),
    # Only the head submits; an empty form is refused (409) with what is missing.
    Case(
        "api:submit",
        change(409, "unit_head", readers=(*SOTC_READERS, "unit_officer")),
        "own department, empty form",
        form_of("sotc"),
        method="post",
        data=lambda w: {"declaration": True},
    ),
    # Without the declaration, nothing is submitted (400).
    Case(
        "api:submit",
        change(400, "unit_head", readers=(*SOTC_READERS, "unit_officer")),
        "own department, no declaration",
        form_of("sotc"),
        "post",
    ),
    Case(
        "api:withdraw",
        change(409, "unit_head", readers=(*SOTC_READERS, "unit_officer")),
        "own department, not submitted",
        form_of("sotc"),
        "post",
    ),
    Case("api:withdraw", ASSESSMENT_POST_ONLY, "own department", form_of("sotc")),
    Case("api:files", ASSESSMENT_POST_ONLY, "own department", on("sotc", "HT1")),
    Case(
        "api:files",
        change(201, *SOTC_UNIT, readers=SOTC_READERS),
        "own department, a PDF",
        on("sotc", "HT1"),
        method="post",
        data=pdf,
    ),
    Case(
        "api:files",
        change(400, *SOTC_UNIT, readers=SOTC_READERS),
        "own department, no file",
        on("sotc", "HT1"),
        "post",
    ),
    Case("api:file", api_seen_by(*READERS_OF_SOTC), "own department's file", sotc_file),
    Case(
        "api:file",
        change(204, *SOTC_UNIT, readers=SOTC_READERS),
        "own department's file",
        sotc_file,
        "delete",
    ),
    Case(
        "api:file",
        API_NOT_FOR_ROLES_404,
        "missing",
        lambda w: {**form_of("sotc")(w), "pk": 999_999},
    ),
    Case("api:links", ASSESSMENT_POST_ONLY, "own department", on("sotc", "HT1")),
    Case(
        "api:links",
        change(201, *SOTC_UNIT, readers=SOTC_READERS),
        "own department",
        on("sotc", "HT1"),
        method="post",
        data=lambda w: {"title": "Quyết định 15/QĐ-STC", "date": "2019-03-01"},
    ),
    Case(
        "api:links",
        change(400, *SOTC_UNIT, readers=SOTC_READERS),
        "own department, no title",
        on("sotc", "HT1"),
        method="post",
        data=lambda w: {"url": "not an address"},
    ),
    Case(
        "api:link",
        change(204, *SOTC_UNIT, readers=SOTC_READERS),
        "own department's link",
        sotc_link,
        "delete",
    ),
    Case("api:link", ASSESSMENT_POST_ONLY, "own department's link", sotc_link),
    # The review of one form.
    Case("api:review", reviewers(200, 200, 404), "department", form_of("sotc")),
    Case("api:review", reviewers(200, 200, 404), "submitted department", submitted("sotc")),
    Case(
        "api:review",
        reviewers(200, 200, 200),
        "commune of the reviewed district",
        form_of("lacdao"),
    ),
    Case(
        "api:review", reviewers(200, 200, 404), "commune of another district", form_of("xuanquan")
    ),
    Case(
        "api:review", reviewers(404, 404, 404), "missing", lambda w: {"year": 2019, "unit": "none"}
    ),
    Case("api:accept", REVIEW_POST_ONLY, "commune of the reviewed district", on("lacdao", "HT1")),
    Case(
        "api:accept",
        reviewers(403, 200, 404),
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept",
        reviewers(403, 409, 404),
        "department not submitted",
        on("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept",
        reviewers(403, 409, 404),
        "stale revision",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: {"revision": 4},
    ),
    Case(
        "api:accept",
        reviewers(403, 403, 200),
        "submitted commune of the reviewed district",
        submitted("lacdao", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept",
        reviewers(403, 403, 404),
        "submitted commune of another district",
        submitted("xuanquan", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept",
        reviewers(403, 404, 404),
        "no such criterion",
        submitted("sotc", "XX9"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:adjust",
        reviewers(403, 200, 404),
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=adjust_data,
    ),
    Case(
        "api:adjust",
        reviewers(403, 400, 404),
        "without a reason",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: {"revision": 0, "numerator": "1", "denominator": "2"},
    ),
    Case("api:adjust", REVIEW_POST_ONLY, "commune of the reviewed district", on("lacdao", "HT1")),
    Case(
        "api:clear",
        reviewers(403, 200, 404),
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("api:clear", REVIEW_POST_ONLY, "commune of the reviewed district", on("lacdao", "HT1")),
    Case(
        "api:adjust_figure",
        reviewers(403, 200, 404),
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=figure_data,
    ),
    Case(
        "api:adjust_figure",
        reviewers(403, 400, 404),
        "without a reason",
        with_figures("sotc"),
        method="post",
        data=lambda w: {"revision": 0, "value": "100000"},
    ),
    Case(
        "api:adjust_figure",
        reviewers(403, 409, 404),
        "department not submitted",
        with_figures("sotc", submit=False),
        method="post",
        data=figure_data,
    ),
    Case(
        "api:adjust_figure",
        reviewers(403, 404, 404),
        "no such figure",
        with_figures("sotc", code="HT1"),
        method="post",
        data=figure_data,
    ),
    Case("api:adjust_figure", REVIEW_POST_ONLY, "department", with_figures("sotc")),
    Case(
        "api:clear_figure",
        reviewers(403, 200, 404),
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("api:clear_figure", REVIEW_POST_ONLY, "department", with_figures("sotc")),
    Case(
        "api:accept_figure",
        reviewers(403, 200, 404),
        "submitted department",
        with_figures("sotc"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept_figure",
        reviewers(403, 409, 404),
        "department not submitted",
        with_figures("sotc", submit=False),
        method="post",
        data=lambda w: REVISION,
    ),
    Case(
        "api:accept_figure",
        reviewers(403, 404, 404),
        "no such figure",
        with_figures("sotc", code="HT1"),
        method="post",
        data=lambda w: REVISION,
    ),
    Case("api:accept_figure", REVIEW_POST_ONLY, "department", with_figures("sotc")),
    Case(
        "api:comment",
        reviewers(403, 200, 404),
        "submitted department",
        submitted("sotc", "HT1"),
        method="post",
        data=lambda w: {"text": "Bổ sung danh sách máy tính."},
    ),
    Case("api:comment", REVIEW_POST_ONLY, "commune of the reviewed district", on("lacdao", "HT1")),
    Case(
        "api:return",
        reviewers(403, 200, 404),
        "submitted department",
        submitted("sotc"),
        method="post",
        data=return_data,
    ),
    Case(
        "api:return",
        reviewers(403, 400, 404),
        "without a deadline",
        submitted("sotc"),
        method="post",
        data=lambda w: {"message": "Bổ sung."},
    ),
    Case("api:return", REVIEW_POST_ONLY, "commune of the reviewed district", form_of("lacdao")),
    Case(
        "api:approve", reviewers(403, 200, 404), "submitted department", submitted("sotc"), "post"
    ),
    Case(
        "api:approve", reviewers(403, 403, 409), "commune not submitted", form_of("lacdao"), "post"
    ),
    Case("api:approve", REVIEW_POST_ONLY, "commune of the reviewed district", form_of("lacdao")),
    Case(
        "api:reopen",
        reviewers(403, 200, 404),
        "approved department",
        approved("sotc"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "api:reopen",
        reviewers(403, 409, 404),
        "department in self-assessment",
        form_of("sotc"),
        method="post",
        data=lambda w: REASON,
    ),
    Case("api:reopen", REVIEW_POST_ONLY, "commune of the reviewed district", form_of("lacdao")),
    Case(
        "api:not_submitted",
        reviewers(403, 403, 409),
        "commune before its deadline",
        form_of("lacdao"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "api:not_submitted",
        reviewers(403, 403, 200),
        "commune after its deadline",
        deadline_passed("lacdao"),
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "api:not_submitted",
        reviewers(403, 403, 400),
        "without a reason",
        deadline_passed("lacdao"),
        "post",
    ),
    Case(
        "api:not_submitted", REVIEW_POST_ONLY, "commune of the reviewed district", form_of("lacdao")
    ),
    # A district's communes and their forwarding.
    Case("api:district", reviewers(200, 200, 200), "reviewed district", district("vanlam")),
    Case("api:district", reviewers(200, 200, 404), "another district", district("vangiang")),
    Case("api:district", reviewers(200, 200, 200), "forwarded", forwarded),
    Case(
        "api:district",
        reviewers(404, 404, 404),
        "a department is no district",
        lambda w: {"year": w.period.year, "district": w.units["sotc"].code},
    ),
    Case(
        "api:forward", reviewers(403, 403, 409), "communes not reviewed", district("vanlam"), "post"
    ),
    Case("api:forward", reviewers(403, 403, 200), "ready", closed_communes, "post"),
    Case("api:forward", reviewers(403, 403, 404), "another district", district("vangiang"), "post"),
    Case("api:forward", REVIEW_POST_ONLY, "reviewed district", district("vanlam")),
    Case(
        "api:send_back",
        reviewers(200, 200, 403),
        "forwarded",
        forwarded,
        method="post",
        data=lambda w: REASON,
    ),
    Case(
        "api:send_back",
        reviewers(409, 409, 403),
        "not forwarded",
        district("vanlam"),
        method="post",
        data=lambda w: REASON,
    ),
    Case("api:send_back", reviewers(400, 400, 403), "without a reason", forwarded, "post"),
    Case("api:send_back", REVIEW_POST_ONLY, "reviewed district", district("vanlam")),
    # Live results: embargoed, the province's staff only.
    Case(
        "api:results",
        expect(403, anonymous=401, administrator=200, provincial_reviewer=200),
        "period in review",
        in_review,
    ),
    Case(
        "api:results",
        expect(403, anonymous=401, administrator=404, provincial_reviewer=404),
        "missing",
        lambda w: {"year": 1999},
    ),
    # Publications: public by definition; nothing before the first.
    Case("api:publications", PUBLIC),
    Case("api:publications", PUBLIC, "of a published year", data=lambda w: {**published(w)}),
    Case("api:publications", NOT_FOUND, "of a year not published", data=lambda w: {"year": 2019}),
    Case("api:publication", PUBLIC, "publication 1", lambda w: {**published(w), "number": 1}),
    Case(
        "api:publication", NOT_FOUND, "no such publication", lambda w: {**published(w), "number": 2}
    ),
    # The account pages for API tokens: each person their own.
    Case("api_tokens:list", SIGNED_IN),
    Case(
        "api_tokens:list", SIGNED_IN, "create", method="post", data=lambda w: {"name": "Cổng DVC"}
    ),
    Case("api_tokens:list", expect(400, anonymous=302), "create without a name", method="post"),
    Case("api_tokens:rename", POST_ONLY, "the officer's token", officers_token),
    Case(
        "api_tokens:rename",
        OWNER_ONLY,
        "the officer's token",
        officers_token,
        method="post",
        data=lambda w: {"name": "Thống kê"},
    ),
    Case(
        "api_tokens:rename",
        expect(404, anonymous=302),
        "missing",
        lambda w: {"pk": 999_999},
        "post",
    ),
    Case("api_tokens:revoke", POST_ONLY, "the officer's token", officers_token),
    Case("api_tokens:revoke", OWNER_ONLY, "the officer's token", officers_token, "post"),
    Case(
        "api_tokens:revoke",
        expect(404, anonymous=302),
        "missing",
        lambda w: {"pk": 999_999},
        "post",
    ),
]
