"""`open_period YEAR`: a period from the units valid that year, a version per block and
the deadlines, opened through the period actions; checked whole before anything is written."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from egovrank.core.models import AuditEvent
from egovrank.orgs.models import Unit
from egovrank.periods.models import Period

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SETS = [
    "KHOI01=hungyen-2018-khoi01",
    "KHOI02=hungyen-2018-khoi02",
    "KHOI03=hungyen-2018-khoi03",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def open_period(*args, **options):
    out = io.StringIO()
    options.setdefault("criteria", SETS)
    call_command("open_period", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_it_creates_the_period_with_every_unit_of_the_year_and_opens_it(world):
    printed = open_period(
        "2020", deadline="2020-12-15", review_deadline="15/01/2021 17:00", user="administrator"
    )
    period = Period.objects.get(year=2020)
    assert period.state == "self_assessment"
    assert period.title == "Đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020"
    assert period.self_assessment_deadline == datetime(2020, 12, 15, 23, 59, tzinfo=VIETNAM)
    assert period.review_deadline == datetime(2021, 1, 15, 17, 0, tzinfo=VIETNAM)
    assert period.revision_deadline is None
    assert {b.block.code: b.version.set_id for b in period.blocks.all()} == {
        "KHOI01": "hungyen-2018-khoi01",
        "KHOI02": "hungyen-2018-khoi02",
        "KHOI03": "hungyen-2018-khoi03",
    }
    codes = sorted(period.participants.values_list("unit_code", flat=True))
    assert codes == ["11989", "11992", "12022", "325", "326", "K01-05", "K01-09", "K01-11"]
    lacdao = period.participants.get(unit_code="11989")
    assert lacdao.reviewer_unit.code == "325"  # its district reviews it before 2025
    actions = list(
        AuditEvent.objects.filter(target_type="periods.period", target_id=str(period.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "period.created",
        "period.version_set",
        "period.version_set",
        "period.version_set",
        "period.participants_added",
        "period.state_changed",
    ]
    assert AuditEvent.objects.filter(action="period.created").get().actor == world.administrator
    assert "Period 2020" in printed and "open for self-assessment: 8 units" in printed
    assert "KHOI01 3, KHOI02 2, KHOI03 3" in printed
    assert "15/12/2020 23:59 (Vietnam time)" in printed


def test_units_not_valid_that_year_stay_out(world):
    Unit.objects.filter(code="12022").update(valid_until=2019)
    open_period("2020", deadline="2020-12-15")
    period = Period.objects.get(year=2020)
    assert "12022" not in set(period.participants.values_list("unit_code", flat=True))


def test_a_draft_is_set_up_but_not_opened(world):
    open_period("2020", draft=True, title="Năm 2020 (thử)")
    period = Period.objects.get(year=2020)
    assert (period.state, period.title, period.self_assessment_deadline) == (
        "draft",
        "Năm 2020 (thử)",
        None,
    )
    assert period.participants.count() == 8


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (["2019"], {"deadline": "2019-12-31"}, "A period for 2019 already exists."),
        (["2020"], {}, "--deadline is needed to open the period"),
        (["2020"], {"deadline": "31-12-2020"}, "--deadline: '31-12-2020' is not a day"),
        (["2020"], {"deadline": "2020-12-31", "criteria": SETS[:2]}, "--criteria KHOI03=SET_ID"),
        (
            ["2020"],
            {"deadline": "2020-12-31", "criteria": [*SETS[:2], "KHOI03=no-such-set"]},
            "there is no criteria-set version no-such-set",
        ),
        (
            ["2020"],
            {"deadline": "2020-12-31", "criteria": [*SETS[:2], "KHOI03=hungyen-2018-khoi01"]},
            "hungyen-2018-khoi01 is a criteria set for block KHOI01",
        ),
        (["2020"], {"deadline": "2020-12-31", "criteria": ["KHOI09=x"]}, "no block KHOI09"),
        (["2020"], {"deadline": "2020-12-31", "criteria": ["KHOI01"]}, "write BLOCK=SET_ID"),
        (["2020"], {"deadline": "2020-12-31", "user": "nobody"}, "nobody has the user name"),
        (["1850"], {"deadline": "2020-12-31"}, "1850 is not a year"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(world, args, options, message):
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError) as refusal:
        open_period(*args, **options)
    assert message in str(refusal.value)
    assert refusal.value.returncode == 2
    assert list(Period.objects.values_list("year", flat=True)) == [2019]
    assert AuditEvent.objects.count() == before


def test_a_two_tier_year_opens_with_two_blocks_every_unit_reviewed_by_the_province(world):
    from egovrank.testing.two_tier import reform

    reform(world)
    open_period("2026", deadline="2026-12-15", criteria=[SETS[0], SETS[2]])
    period = Period.objects.get(year=2026)
    assert sorted(period.blocks.values_list("block__code", flat=True)) == ["KHOI01", "KHOI03"]
    wards = period.participants.filter(block__code="KHOI03")
    assert sorted(wards.values_list("unit_name", flat=True)) == ["Phường Phố Hiến", "Xã Nghĩa Trụ"]
    assert set(period.participants.values_list("reviewer_unit__code", flat=True)) == {"33"}


def test_a_districts_block_is_refused_in_a_two_tier_year_and_nothing_is_written(world):
    from egovrank.testing.two_tier import reform

    reform(world)
    with pytest.raises(CommandError, match="2026 has two tiers .* leave block KHOI02 out"):
        open_period("2026", deadline="2026-12-15")
    assert not Period.objects.filter(year=2026).exists()
