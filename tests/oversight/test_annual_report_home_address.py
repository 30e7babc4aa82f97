"""The annual report's 首页网址 is the site's public address (BASE_URL), not the Wagtail site's host name."""

import pytest

from townsquare.oversight.annual.report import build_annual_report

from .annual_factories import YEAR

pytestmark = pytest.mark.django_db


def test_home_address_comes_from_base_url(county, settings):
    settings.ANNUAL_REPORT_SITE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "https://www.shifanxian.gov.cn"

    assert build_annual_report(YEAR).figure("site_url").value == "https://www.shifanxian.gov.cn"
