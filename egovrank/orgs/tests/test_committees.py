from egovrank.orgs.choices import UnitKind
from egovrank.orgs.committees import issuing_name
from egovrank.orgs.models import Unit


def test_local_government_issues_under_its_peoples_committee():
    def named(name: str, kind: str) -> str:
        return issuing_name(Unit(code="x", name=name, kind=kind))

    assert named("Xã Lạc Đạo", UnitKind.COMMUNE) == "UBND xã Lạc Đạo"
    assert named("Phường Phố Hiến", UnitKind.COMMUNE) == "UBND phường Phố Hiến"
    assert named("Tỉnh Hưng Yên", UnitKind.PROVINCE) == "UBND tỉnh Hưng Yên"
    assert named("UBND huyện Văn Lâm", UnitKind.DISTRICT) == "UBND huyện Văn Lâm"
    assert named("Ủy ban nhân dân huyện Mỹ Hào", UnitKind.DISTRICT) == (
        "Ủy ban nhân dân huyện Mỹ Hào"
    )
    assert named("Sở Tài chính", UnitKind.DEPARTMENT) == "Sở Tài chính"
