"""Who may open the notices pages: every signed-in person, their own notices only. A
notice that is someone else's answers 404, like one that does not exist."""

from __future__ import annotations

from typing import Any

from egovrank.testing.matrix import POST_ONLY, SIGNED_IN, Case, expect
from egovrank.testing.world import World


def officers_notice(world: World) -> dict[str, Any]:
    """A notice of the Sở Tài chính officer (made once per test)."""
    from egovrank.notifications.models import Notice

    notice = Notice.objects.create(
        recipient=world.unit_officer,
        kind="submitted",
        title="Sở Tài chính",
        url="/assessments/2019/K01-05/",
    )
    return {"pk": notice.pk}


OWNER_ONLY = expect(404, anonymous=302, unit_officer=302)
NOBODY = expect(404, anonymous=302)

CASES: list[Case] = [
    Case("notifications:list", SIGNED_IN),
    Case("notifications:read", POST_ONLY, "the officer's notice", officers_notice),
    Case("notifications:read", OWNER_ONLY, "the officer's notice", officers_notice, "post"),
    Case("notifications:read", NOBODY, "missing", lambda w: {"pk": 999_999}, "post"),
    Case("notifications:read_all", POST_ONLY),
    Case("notifications:read_all", expect(302), method="post"),
]
