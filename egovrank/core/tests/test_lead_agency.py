"""The lead agency is the installation's data, by year: the function every page,
message and document asks, the setting it reads, and no literal name left in the
templates or the messages."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from egovrank.core.lead_agency import LeadAgency, lead_agency, lead_agency_for, parse_lead_agencies
from egovrank.periods.models import Period
from egovrank.testing.world import make_period

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_installation_names_sotttt_until_2024_and_sokhcn_from_2025():
    assert lead_agency(2018).short_name == "Sở TT&TT"
    assert lead_agency(2024).name == "Sở Thông tin và Truyền thông"
    assert lead_agency(2025) == LeadAgency(2025, "Sở Khoa học và Công nghệ", "Sở KH&CN")
    assert lead_agency(2031).short_name == "Sở KH&CN"
    assert lead_agency(2010).short_name == "Sở TT&TT"  # before every entry: the oldest
    assert lead_agency_for(Period(year=2019)).short_name == "Sở TT&TT"


def test_the_setting_is_read_in_any_order_and_bad_entries_stop_start_up():
    parsed = parse_lead_agencies("LEAD_AGENCIES", "2030|Sở Số|SS; 2020|Sở Cũ|SC")
    assert [agency.from_year for agency in parsed] == [2020, 2030]
    for raw, said in [
        ("", "at least one"),
        ("2020|Sở Cũ", "entry 1"),
        ("2020|Sở Cũ|SC;năm|Sở Mới|SM", "entry 2"),
        ("2020|A|a;2020|B|b", "same year"),
    ]:
        with pytest.raises(ImproperlyConfigured, match=said):
            parse_lead_agencies("LEAD_AGENCIES", raw)


@pytest.mark.django_db
def test_another_installation_s_agency_is_named_on_its_pages(settings):
    settings.LEAD_AGENCIES = parse_lead_agencies("LEAD_AGENCIES", "2000|Sở Số tỉnh Mẫu|Sở Số")
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("accounts:sign_in")).content.decode()
    assert "of Sở Số. The public results need no account." in page
    vietnamese = Client(HTTP_ACCEPT_LANGUAGE="vi").get(reverse("accounts:sign_in"))
    assert "của Sở Số. Xem kết quả" in vietnamese.content.decode()


@pytest.mark.django_db
def test_a_period_s_page_names_the_agency_of_its_year(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.administrator)
    world.participants = {}
    make_period(world, year=2025, state="review")
    for year, name in [(2019, "Sở TT&TT"), (2025, "Sở KH&CN")]:
        Period.objects.filter(year=year).update(state="review")
        page = client.get(reverse("results:period", kwargs={"year": year})).content.decode()
        said = f"only {escape(name, quote=False)}'s administrators and reviewers see these ranks"
        assert said in page


def test_no_template_or_message_names_the_agency():
    """The names live in the setting (and in data: criteria sets, unit lists, the demo's
    people); a page or a message asks ``lead_agency``."""
    pattern = re.compile(
        r"TT&(amp;)?TT|Thông tin và Truyền thông|KH&(amp;)?CN|Khoa học và Công nghệ"
    )
    found = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt")]:
        found += [
            f"{path}:{n}"
            for n, line in enumerate(path.read_text().splitlines(), 1)
            if pattern.search(line)
        ]
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or relative.startswith(("demo/", "testing/", "scoring/")):
            continue
        if relative in ("core/lead_agency.py", "settings.py"):
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and ("_(" in line or "gettext" in line or '"' in line):
                found.append(f"{relative}:{n}")
    assert found == []
