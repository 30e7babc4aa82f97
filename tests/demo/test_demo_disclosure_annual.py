"""The demo's 公开年报: last year's reports of the county and 青禾镇, published, with figures from the demo's data."""

import pytest
from django.utils import timezone

from townsquare.disclosure.models import AnnualReport, DisclosureReportPage

pytestmark = pytest.mark.usefixtures("demo", "db")
LAST_YEAR = timezone.localdate().year - 1


def report_page(slug):
    return AnnualReport.objects.select_related("page").get(unit__slug=slug, year=LAST_YEAR).page


def test_the_county_report_is_live():
    assert report_page("shifan").live


def test_qinghes_report_is_live():
    assert report_page("qinghe").live


def test_the_county_report_counts_every_units_applications():
    received = report_page("shifan").tables["applications"]["rows"][0]["cells"][-1]["value"]
    assert received >= 8


def test_qinghes_report_counts_its_own_applications():
    received = report_page("qinghe").tables["applications"]["rows"][0]["cells"][-1]["value"]
    assert received == 4


def test_the_report_page_opens(client):
    page = report_page("qinghe")
    html = client.get(page.url).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in html


def test_each_unit_has_one_page_for_the_year():
    assert DisclosureReportPage.objects.filter(year=LAST_YEAR, title__startswith="青禾镇").count() == 1
