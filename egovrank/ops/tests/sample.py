"""A small installation with something in every kind of table, for the backup tests.

The test world's units and people (a password hash among them), the 2019 period, one
form filled in, evidenced (files, one removed, and a link), submitted, adjusted and
approved through the real actions; the other forms approved as the review would leave
them; the districts' forwarding; the results finalised and published (append-only
snapshots), with the history and notices all of that writes.

``python -m egovrank.ops.tests.sample`` builds it in the database that DATABASE_URL
names (the cross-database test runs it in a subprocess).
"""

from __future__ import annotations

from datetime import date
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n% B\xe1o c\xe1o\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PASSWORD = "Mật-khẩu-thử-2749"  # noqa: S105 - test data


def build_sample() -> Any:
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import SimpleUploadedFile

    from egovrank.assessments.actions import (
        do_add_file,
        do_add_link,
        do_remove_file,
        do_submit,
    )
    from egovrank.assessments.tests.helpers import fill_in
    from egovrank.periods.choices import PeriodState
    from egovrank.results.actions import do_finalise, do_publish
    from egovrank.results.tests.helpers import DECISION, fill, forward, move
    from egovrank.review.actions import do_adjust, do_approve
    from egovrank.testing import DECLARED
    from egovrank.testing.world import make_period, make_world

    world = make_world()
    make_period(world)
    world.administrator.set_password(PASSWORD)
    world.administrator.save()
    session = SessionStore()
    session["_auth_user_id"] = str(world.administrator.pk)
    session.create()

    sotc = world.participants["sotc"]
    officer = world.unit_officer
    fill_in(sotc, actor=officer)
    do_add_file(
        sotc,
        "HT1",
        SimpleUploadedFile("Quyết định số 12.pdf", PDF, "application/pdf"),
        actor=officer,
    )
    photo = do_add_file(
        sotc, "UD1", SimpleUploadedFile("ảnh phòng máy.png", PNG, "image/png"), actor=officer
    )
    do_add_file(
        sotc, "UD1", SimpleUploadedFile("Báo cáo.pdf", PDF + b"2", "application/pdf"), actor=officer
    )
    do_remove_file(photo, actor=officer)
    do_add_link(
        sotc,
        "UD1",
        title="Quyết định ban hành quy chế",
        number="12/QĐ-STC",
        date=date(2019, 3, 1),
        url="https://stc.hungyen.gov.vn/van-ban/12",
        actor=officer,
    )
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    reviewer = world.provincial_reviewer
    do_adjust(
        sotc, "HT3.1", value="no", reason="Không có tài liệu kiểm chứng", revision=0, actor=reviewer
    )
    do_approve(sotc, actor=reviewer)

    for seed, key in enumerate(world.participants, start=1):
        if key not in ("sotc", "soxd"):  # Sở Xây dựng did not submit
            fill(world.participants[key], seed=seed, quality=0.3 + 0.1 * seed)
    forward(world)
    move(world.period, PeriodState.REVIEW)
    do_finalise(world.period, actor=world.administrator)
    do_publish(world.period, actor=world.administrator, **DECISION)
    return world


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovrank.settings")
    django.setup()
    build_sample()
