"""Publishing a 公开年报: the year's page in the unit's 年度报告 column, created once, then updated; through 三审."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from townsquare.disclosure.annual.publishing import publish
from townsquare.disclosure.models import DisclosureReportPage

from ..helpers import approve_all, building_pages
from .factories import AnnualReportFactory


def test_publishing_creates_the_years_page(town_a):
    page, _ = publish(AnnualReportFactory(unit=town_a.unit), directly=True)
    assert (page.title, page.live) == ("青禾镇2025年政府信息公开工作年度报告", True)


def test_publishing_again_updates_the_same_page(town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    publish(report, directly=True)
    report.licensing = 99
    report.save()
    publish(report, directly=True)
    pages = DisclosureReportPage.objects.filter(year=2025)
    assert (pages.count(), pages.get().tables["decisions"][0]["figure"]["value"]) == (1, 99)


def test_staff_publishing_goes_through_the_units_review(town_a):
    page, went_live = publish(AnnualReportFactory(unit=town_a.unit), town_a.editor)
    page.refresh_from_db()
    assert (went_live, page.live, page.current_workflow_state is not None) == (False, False, True)


def test_the_report_goes_live_when_the_three_reviews_approve(county):
    town = county.town_a
    page, _ = publish(AnnualReportFactory(unit=town.unit), town.editor)
    assert approve_all(page, county, town).live


def test_an_update_during_review_keeps_one_review_running(town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    publish(report, town_a.editor)
    page, _ = publish(report, town_a.editor)
    assert page.workflow_states.filter(status="in_progress").count() == 1


def test_an_uploaded_report_of_the_year_is_updated_not_duplicated(town_a):
    first, _ = publish(AnnualReportFactory(unit=town_a.unit), directly=True)
    other = AnnualReportFactory(unit=town_a.unit, year=2024)
    publish(other, directly=True)
    assert DisclosureReportPage.objects.child_of(first.get_parent()).count() == 2


def test_the_public_page_shows_the_figures(client, town_a):
    page, _ = publish(AnnualReportFactory(unit=town_a.unit, licensing=37), directly=True)
    html = client.get(page.url).content.decode()
    assert "行政许可" in html and ">37<" in html


def test_the_public_page_shows_no_links_to_the_admin(client, town_a):
    page, _ = publish(AnnualReportFactory(unit=town_a.unit), directly=True)
    assert "/admin/" not in client.get(page.url).content.decode()


def test_the_public_page_is_built_in_a_bounded_number_of_queries(client, town_a):
    page, _ = publish(AnnualReportFactory(unit=town_a.unit), directly=True)
    with building_pages(), CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert len(queries) <= 14  # the tables come from the page itself, whatever their figures
