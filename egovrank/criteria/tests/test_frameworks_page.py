"""The catalogue of frameworks: what a visitor and the administrator see, adding one
shipped framework as a version, and its Excel download reading back as the same set."""

import pytest

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion
from egovrank.scoring.catalogue import packaged_set
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx

URL = "/criteria/versions/frameworks/"
ADD = "/criteria/versions/add-shipped/"


def row(text: str, set_id: str) -> str:
    start = text.index(f'id="framework-{set_id}"')
    return text[start : text.index("</tr>", start)]


def test_a_visitor_sees_each_framework_with_its_basis_scope_maximum_and_sources(client, shipped):
    text = client.get(URL).content.decode()
    assert "<h1>Khung đánh giá</h1>" in text
    dti = row(text, "dti-2025-tinh")
    assert "405/QĐ-BKHCN" in dti and "03/04/2025 · Bộ Khoa học và Công nghệ" in dti
    assert "Tỉnh, thành phố trực thuộc Trung ương" in dti
    assert '<td class="num">1.000</td>' in dti
    assert 'suy luận: 100,0% <span class="hint">(58/58)</span>' in dti
    assert "chưa lưu" in dti  # not stored: nothing to open, and no button for a visitor
    assert "<form" not in dti
    assert "(SBN)" in row(text, "dti-2025-sbn") and "(XP)" in row(text, "dti-2025-xp")
    # A stored Hưng Yên set links to its page and its Excel; some of it was read.
    khoi01 = row(text, "hungyen-2018-khoi01")
    assert 'href="/criteria/hungyen-2018-khoi01/"' in khoi01
    assert 'href="/criteria/hungyen-2018-khoi01.xlsx"' in khoi01
    assert "đọc được: 3,8%" in khoi01
    assert "Dùng cho kỳ đánh giá mới" not in khoi01  # the administrator's action
    # The existing compare, for the stored versions.
    assert 'action="/criteria/versions/compare/"' in text


def test_the_administrator_adds_a_framework_and_downloads_it_as_excel(administrator_client):
    text = administrator_client.get(URL).content.decode()
    assert "Add as a criteria version" in row(text, "dti-2025-tinh")
    assert 'href="/periods/new/"' in row(text, "hungyen-2018-khoi01")

    response = administrator_client.post(ADD, {"set_id": "dti-2025-tinh"}, follow=True)

    assert response.status_code == 200
    assert "dti-2025-tinh" in response.content.decode()
    version = CriteriaVersion.objects.get(set_id="dti-2025-tinh")
    assert version.block_code == "TINH"
    assert AuditEvent.objects.filter(action="criteria_version.imported").count() == 1
    assert 'href="/criteria/dti-2025-tinh/"' in row(response.content.decode(), "dti-2025-tinh")
    page = administrator_client.get("/criteria/dti-2025-tinh/").content.decode()
    assert "405/QĐ-BKHCN" in page and "HDCQ10" in page
    download = administrator_client.get("/criteria/dti-2025-tinh.xlsx")
    assert criteria_set_from_xlsx(download.content, "x.xlsx") == packaged_set("dti-2025-tinh")


@pytest.mark.parametrize("set_id", ["dti-2025-sbn", "dti-2025-xp"])
def test_the_provincial_templates_read_back_from_excel(administrator_client, set_id):
    administrator_client.post(ADD, {"set_id": set_id})
    download = administrator_client.get(f"/criteria/{set_id}.xlsx")
    assert criteria_set_from_xlsx(download.content, "x.xlsx") == packaged_set(set_id)


def test_a_set_that_is_not_shipped_is_refused_and_nothing_is_stored(administrator_client):
    before = CriteriaVersion.objects.count()
    response = administrator_client.post(ADD, {"set_id": "../../etc/passwd" * 50}, follow=True)
    assert response.status_code == 200
    assert "is not a set shipped with egovrank" in response.content.decode()
    assert CriteriaVersion.objects.count() == before


def test_the_menu_leads_to_the_catalogue_and_marks_only_it_as_the_current_page(client, db):
    text = client.get(URL).content.decode()
    assert '<a href="/criteria/versions/frameworks/" aria-current="page">Khung đánh giá</a>' in text
    assert '<a href="/criteria/" aria-current="page">' not in text
    assert '<a href="/criteria/" aria-current="page">' in client.get("/criteria/").content.decode()


IMPORTED = """\
format: egovrank/criteria-set/1
id: tinh-x-2026-sbn
title: Bộ chỉ số của tỉnh X
block: {code: SBN, name: "Sở, ban, ngành"}
version: "2026"
legal_basis: {number: 12/QĐ-UBND, date: "tháng 1/2026"}
nodes:
  - {code: A, name: Một, max_points: 10, rule: {kind: yes_no}, status: official}
  - {code: B, name: Hai, max_points: 10, rule: {kind: yes_no}}
"""


def test_an_imported_version_is_listed_with_its_own_marks(client, shipped):
    CriteriaVersion.objects.create(
        set_id="tinh-x-2026-sbn",
        title="Bộ chỉ số của tỉnh X",
        block_code="SBN",
        version="2026",
        source_yaml=IMPORTED,
    )
    imported = row(client.get(URL).content.decode(), "tinh-x-2026-sbn")
    assert "đã nhập" in imported and "12/QĐ-UBND" in imported
    assert "tháng 1/2026" in imported  # a date given as free text is shown as written
    assert "văn bản chính thức: 50,0%" in imported and "chưa ghi nguồn: 50,0%" in imported


def test_a_reviewer_reads_the_catalogue_but_gets_no_administrator_action(client, world):
    client.force_login(world.provincial_reviewer)
    text = client.get(URL).content.decode()
    assert "chưa lưu" in row(text, "dti-2025-sbn")
    assert 'action="/criteria/versions/add-shipped/"' not in text
    assert 'href="/periods/new/"' not in text
    # Posting anyway is refused and stores nothing.
    assert client.post(ADD, {"set_id": "dti-2025-sbn"}).status_code == 403
    assert not CriteriaVersion.objects.filter(set_id="dti-2025-sbn").exists()
