"""Small builders for the Hưng Yên registry the orgs tests start from: the demo's own
blocks, province and unit list."""

from __future__ import annotations

from egovrank.demo.hungyen import BLOCKS, PROVINCE, UNITS_FILE
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

DEMO = UNITS_FILE


def make_hungyen_blocks() -> dict[str, Block]:
    """The three Hưng Yên blocks, by code."""
    return {
        code: Block.objects.create(
            code=code, name=name, description=description, unit_kind=kind, order=order
        )
        for order, (code, name, description, kind) in enumerate(BLOCKS, start=1)
    }


def make_province() -> Unit:
    """Hưng Yên province itself (GSO code 33), the parent of departments and districts."""
    code, name, short_name = PROVINCE
    return Unit.objects.create(code=code, name=name, short_name=short_name, kind=UnitKind.PROVINCE)
