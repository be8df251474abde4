"""The place and date line of Decree 30/2020/NĐ-CP: days below 10 and the months
January and February with a leading 0, blanks when the document is not dated yet."""

from datetime import date

from django.utils import translation

from egovrank.core.documents.agency import lead_agency, place_date, provincial_committee


def test_the_date_line_follows_the_decree(settings):
    settings.PROVINCE_NAME = "Hưng Yên"
    with translation.override("vi"):
        assert place_date(date(2020, 2, 5)) == "Hưng Yên, ngày 05 tháng 02 năm 2020"
        assert place_date(date(2020, 3, 20)) == "Hưng Yên, ngày 20 tháng 3 năm 2020"
        assert place_date(date(2020, 12, 9)) == "Hưng Yên, ngày 09 tháng 12 năm 2020"
        assert place_date(None) == "Hưng Yên, ngày … tháng … năm …"
        assert provincial_committee() == "UBND tỉnh Hưng Yên"


def test_the_issuing_agency_is_the_lead_agency_of_the_documents_year():
    assert lead_agency(2019) == "Sở Thông tin và Truyền thông"
    assert lead_agency(2025) == "Sở Khoa học và Công nghệ"
