"""The self-assessment pages in the permission matrix (tests/test_permission_matrix.py).

Own unit: Sở Tài chính (the officer's and the head's). Reviewers and the administrator
read forms but never change them (403); units outside a person's reach answer 404.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from egovrank.testing.matrix import (
    ADMINISTRATOR,
    NOT_FOR_ROLES_404,
    POST_ONLY,
    WITH_A_ROLE,
    Case,
    expect,
    seen_by,
)
from egovrank.testing.world import World

READERS_OF_SOTC = ("administrator", "provincial_reviewer", "unit_officer", "unit_head")
# A POST on Sở Tài chính's form: its officer and head act (302), readers 403, others 404.
CHANGE_SOTC = expect(
    404,
    anonymous=302,
    outsider=403,
    administrator=403,
    provincial_reviewer=403,
    unit_officer=302,
    unit_head=302,
)


def form_of(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {"year": world.period.year, "unit": world.participants[key].unit_code}

    return kwargs


def _assessment(world: World) -> Any:
    from egovrank.assessments.models import Assessment

    assessment, _ = Assessment.objects.get_or_create(participant=world.participants["sotc"])
    return assessment


def sotc_file(world: World) -> dict[str, Any]:
    from egovrank.assessments.models import EvidenceFile

    evidence = EvidenceFile(
        assessment=_assessment(world),
        code="HT1",
        original_name="may-tinh.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=world.unit_officer,
    )
    evidence.file.save("may-tinh.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {**form_of("sotc")(world), "pk": evidence.pk}


def sotc_link(world: World) -> dict[str, Any]:
    from egovrank.assessments.models import EvidenceLink

    link = EvidenceLink.objects.create(
        assessment=_assessment(world), code="HT1", title="Quyết định", added_by=world.unit_officer
    )
    return {**form_of("sotc")(world), "pk": link.pk}


def submission_of(key: str, number: int) -> Any:
    """Submission ``number`` of ``key``'s form, the form filled in and submitted once."""

    def kwargs(world: World) -> dict[str, Any]:
        from egovrank.assessments.demo import fill_demo_form, plausible_answers
        from egovrank.assessments.queries import criteria_set_for

        participant = world.participants[key]
        answers = plausible_answers(criteria_set_for(participant), seed=1)
        fill_demo_form(participant, answers, submit=True)
        return {**form_of(key)(world), "number": number, "fmt": "pdf"}

    return kwargs


def report_of(key: str, fmt: str) -> Any:
    return lambda world: {**form_of(key)(world), "fmt": fmt}


def on(key: str, code: str) -> Any:
    return lambda world: {**form_of(key)(world), "code": code}


CASES: list[Case] = [
    Case("assessments:list", WITH_A_ROLE),
    Case("assessments:form", seen_by(*READERS_OF_SOTC), "own department", form_of("sotc")),
    Case(
        "assessments:form",
        seen_by("administrator", "provincial_reviewer"),
        "another department",
        form_of("soxd"),
    ),
    Case(
        "assessments:form",
        seen_by("administrator", "provincial_reviewer", "district_reviewer", "commune_officer"),
        "commune of the reviewed district",
        form_of("lacdao"),
    ),
    Case(
        "assessments:form",
        seen_by("administrator", "provincial_reviewer"),
        "commune of another district",
        form_of("xuanquan"),
    ),
    Case(
        "assessments:form",
        NOT_FOR_ROLES_404,
        "missing",
        lambda w: {"year": w.period.year, "unit": "no-such-unit"},
    ),
    Case(
        "assessments:form",
        NOT_FOR_ROLES_404,
        "another year",
        lambda w: {"year": 1999, "unit": w.participants["sotc"].unit_code},
    ),
    Case("assessments:history", seen_by(*READERS_OF_SOTC), "own department", form_of("sotc")),
    Case("assessments:check", seen_by(*READERS_OF_SOTC), "own department", form_of("sotc")),
    # The self-assessment report: whoever may open the form.
    Case(
        "assessments:report",
        seen_by(*READERS_OF_SOTC),
        "own department, Word",
        report_of("sotc", "docx"),
    ),
    Case(
        "assessments:report",
        seen_by(*READERS_OF_SOTC),
        "own department, PDF",
        report_of("sotc", "pdf"),
    ),
    Case(
        "assessments:report",
        seen_by("administrator", "provincial_reviewer"),
        "another department",
        report_of("soxd", "docx"),
    ),
    Case(
        "assessments:report",
        seen_by("administrator", "provincial_reviewer", "district_reviewer", "commune_officer"),
        "commune of the reviewed district",
        report_of("lacdao", "pdf"),
    ),
    Case(
        "assessments:report",
        NOT_FOR_ROLES_404,
        "missing",
        lambda w: {"year": w.period.year, "unit": "no-such-unit", "fmt": "pdf"},
    ),
    Case(
        "assessments:submission_report",
        seen_by(*READERS_OF_SOTC),
        "own department's submission",
        submission_of("sotc", 1),
    ),
    Case(
        "assessments:submission_report",
        NOT_FOR_ROLES_404,
        "a submission that was not made",
        submission_of("sotc", 2),
    ),
    Case(
        "assessments:submission_report",
        seen_by("administrator", "provincial_reviewer"),
        "another department's submission",
        submission_of("soxd", 1),
    ),
    Case("assessments:save", POST_ONLY, "own department", on("sotc", "HT3.1")),
    Case(
        "assessments:save",
        CHANGE_SOTC,
        "own department",
        on("sotc", "HT3.1"),
        method="post",
        data=lambda w: {"value": "yes", "revision": 0},
    ),
    Case(
        "assessments:save",
        expect(
            404,
            anonymous=302,
            outsider=403,
            administrator=403,
            provincial_reviewer=403,
            district_reviewer=403,
            commune_officer=302,
        ),
        "commune of the reviewed district",
        on("lacdao", "TT1"),
        method="post",
        data=lambda w: {"value": "12", "revision": 0},
    ),
    Case("assessments:upload", POST_ONLY, "own department", on("sotc", "HT1")),
    Case("assessments:upload", CHANGE_SOTC, "own department", on("sotc", "HT1"), "post"),
    Case("assessments:add_link", POST_ONLY, "own department", on("sotc", "HT1")),
    Case(
        "assessments:add_link",
        CHANGE_SOTC,
        "own department",
        on("sotc", "HT1"),
        method="post",
        data=lambda w: {"title": "Quyết định 15/QĐ-STC"},
    ),
    Case("assessments:download", seen_by(*READERS_OF_SOTC), "own department's file", sotc_file),
    Case("assessments:remove_file", POST_ONLY, "own department's file", sotc_file),
    Case("assessments:remove_file", CHANGE_SOTC, "own department's file", sotc_file, "post"),
    Case("assessments:remove_link", POST_ONLY, "own department's link", sotc_link),
    Case("assessments:remove_link", CHANGE_SOTC, "own department's link", sotc_link, "post"),
    # The confirmation step (summary and declaration): the head only.
    Case(
        "assessments:submit",
        {**CHANGE_SOTC, "unit_officer": 403, "unit_head": 200},
        "own department, confirmation step",
        form_of("sotc"),
    ),
    # Only the head submits; an empty form is refused (409) with what is missing.
    Case(
        "assessments:submit",
        {**CHANGE_SOTC, "unit_officer": 403, "unit_head": 409},
        "own department, empty form",
        form_of("sotc"),
        method="post",
        data=lambda w: {"declaration": "yes"},
    ),
    # Without the declaration nothing is submitted (400).
    Case(
        "assessments:submit",
        {**CHANGE_SOTC, "unit_officer": 403, "unit_head": 400},
        "own department, no declaration",
        form_of("sotc"),
        "post",
    ),
    Case("assessments:withdraw", POST_ONLY, "own department", form_of("sotc")),
    Case(
        "assessments:withdraw",
        {**CHANGE_SOTC, "unit_officer": 403, "unit_head": 409},
        "own department, not submitted",
        form_of("sotc"),
        "post",
    ),
    # The offline form: whoever reads the form downloads it; only its unit uploads.
    Case("assessments:workbook", seen_by(*READERS_OF_SOTC), "own department", form_of("sotc")),
    Case(
        "assessments:workbook",
        seen_by("administrator", "provincial_reviewer", "district_reviewer", "commune_officer"),
        "commune of the reviewed district",
        form_of("lacdao"),
    ),
    Case(
        "assessments:workbook_upload",
        {**CHANGE_SOTC, "unit_officer": 200, "unit_head": 200},
        "own department",
        form_of("sotc"),
    ),
    # No file: refused (400) for those who may upload.
    Case(
        "assessments:workbook_upload",
        {**CHANGE_SOTC, "unit_officer": 400, "unit_head": 400},
        "own department, no file",
        form_of("sotc"),
        "post",
    ),
    Case(
        "assessments:workbook_upload",
        {**CHANGE_SOTC, "unit_officer": 404, "unit_head": 404},
        "another department",
        form_of("soxd"),
        "post",
    ),
    Case("assessments:workbook_confirm", POST_ONLY, "own department", form_of("sotc")),
    Case(
        "assessments:workbook_confirm",
        {**CHANGE_SOTC, "unit_officer": 400, "unit_head": 400},
        "own department, no preview",
        form_of("sotc"),
        "post",
    ),
    # The administrator's figures import page.
    Case(
        "assessments:figures_import", ADMINISTRATOR, "the period", lambda w: {"year": w.period.year}
    ),
    Case(
        "assessments:figures_import",
        {**ADMINISTRATOR, "administrator": 400},
        "the period, no file",
        lambda w: {"year": w.period.year},
        "post",
    ),
    Case(
        "assessments:figures_import",
        {**ADMINISTRATOR, "administrator": 404},
        "missing period",
        lambda w: {"year": 1999},
    ),
    Case("assessments:figures_confirm", POST_ONLY, "the period", lambda w: {"year": w.period.year}),
    Case(
        "assessments:figures_confirm",
        {**ADMINISTRATOR, "administrator": 400},
        "the period, no preview",
        lambda w: {"year": w.period.year},
        "post",
    ),
]
