"""Small builders for the Hưng Yên registry the orgs tests start from."""

from __future__ import annotations

from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

HUNGYEN_BLOCKS = (
    ("KHOI01", "Khối 01", "Sở, ban, ngành", UnitKind.DEPARTMENT),
    ("KHOI02", "Khối 02", "UBND huyện, thị xã, thành phố", UnitKind.DISTRICT),
    ("KHOI03", "Khối 03", "UBND xã, phường, thị trấn", UnitKind.COMMUNE),
)


def make_hungyen_blocks() -> dict[str, Block]:
    """The three Hưng Yên blocks, by code."""
    return {
        code: Block.objects.create(
            code=code, name=name, description=description, unit_kind=kind, order=order
        )
        for order, (code, name, description, kind) in enumerate(HUNGYEN_BLOCKS, start=1)
    }


def make_province() -> Unit:
    """Hưng Yên province itself (GSO code 33), the parent of departments and districts."""
    return Unit.objects.create(code="33", name="Tỉnh Hưng Yên", kind=UnitKind.PROVINCE)
