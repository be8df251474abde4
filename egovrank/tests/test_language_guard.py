"""The check the permission matrix runs on every page in Vietnamese
(testing/language.py): what it finds and what it leaves alone."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from egovrank.testing.language import language_problems


def page(body: str, title: str = "Trang · egovrank", language: str = "vi") -> HttpResponse:
    response = HttpResponse(
        f"<!doctype html><html lang='{language}'><head><title>{title}</title></head>"
        f"<body>{body}</body></html>"
    )
    response["Content-Language"] = language
    return response


@pytest.mark.parametrize(
    "body",
    [
        "<p>Trạng thái: draft</p>",
        "<td>in_review</td>",
        "<span>Kỳ 2019: draft → self_assessment</span>",
        "<p>Submitted</p>",  # a msgid the catalogue translates, shown untranslated
        "<p>Hồ sơ: submitted (demo)</p>",
        "<p>created by importing hungyen-units-2019.csv</p>",
        "<p>Đã phê duyệt: 360.27/500</p>",
        "<td>72.05%</td>",
        "<button aria-label='Submitted'>x</button>",
        "<input placeholder='yes or no'>",
    ],
)
def test_it_finds_what_is_not_vietnamese(body):
    assert language_problems(page(body)) != []


@pytest.mark.parametrize(
    "body",
    [
        "<p>Tiêu chí HT3.1 và HT3.1.2</p>",  # criterion codes
        "<p>1.234 đơn vị, 12.345.678 người</p>",  # Vietnamese thousands
        "<p>Đã phê duyệt: 360,27/500 (72,05%, Khá)</p>",
        "<p>Máy chủ 10.0.0.1, phiên bản 1.2.3, tệp dulieu.csv, v2.0</p>",
        "<p>Ngày 13/11/2018 lúc 08:30</p>",
        "<script>var state = 'draft'; var x = 1.5;</script>",
        "<a href='/draft/1.5/'>Mở</a>",  # attributes nobody reads
        "<textarea>status: published</textarea>",  # what is being edited
        "<select><option lang='en'>English</option></select>",  # a part in English
        "<p lang='en'>English: this set is reconstructed (status: published)</p>",
    ],
)
def test_it_leaves_vietnamese_codes_and_data_alone(body):
    assert language_problems(page(body)) == []


def test_a_tab_titled_only_with_the_product_is_found():
    assert language_problems(page("<p>Xin chào</p>", title="egovrank")) != []
    assert language_problems(page("<p>Xin chào</p>", title=" · egovrank")) != []


def test_data_the_test_made_is_left_alone():
    assert language_problems(page("<span>Administrator</span>")) != []
    assert language_problems(page("<span>Administrator</span>"), data={"Administrator"}) == []


def test_a_page_in_english_is_not_checked():
    assert language_problems(page("<p>Submitted 360.27</p>", language="en")) == []
