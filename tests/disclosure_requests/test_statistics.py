"""The monthly statistics and the 公开年报's section 三 table."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import building_pages
from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.statistics import annual_table, monthly

from .factories import make_application

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
STATS_URL = "/gongkai/shenqing/tongji/"


def at(year, month, day):
    return datetime(year, month, day, 10, tzinfo=SHANGHAI)


def rows(table):
    return {row.key: row for row in table}


def test_months_count_received_and_answered_on_time(town_a):
    application = make_application(town_a.unit, received_at=at(2025, 3, 3), now=at(2025, 3, 3))
    handling.decide(application, "1", "予以公开。", now=at(2025, 3, 20))
    march = monthly(None, 2025)[2]
    assert (march.received, march.answered, march.on_time, march.by_group["1"]) == (1, 1, 1, 1)


def test_a_late_answer_is_not_on_time(town_a):
    application = make_application(town_a.unit, received_at=at(2025, 3, 3), now=at(2025, 3, 3))
    handling.decide(application, "1", "予以公开。", now=at(2025, 5, 20))
    may = monthly(None, 2025)[4]
    assert (may.answered, may.on_time) == (1, 0)


def test_a_units_figures_leave_out_other_units(town_a, town_b):
    make_application(town_b.unit, received_at=at(2025, 3, 3), now=at(2025, 3, 3))
    assert monthly(town_a.unit, 2025)[2].received == 0


def test_annual_table_counts_new_applications_by_column(town_a):
    make_application(town_a.unit, received_at=at(2025, 4, 1), now=at(2025, 4, 1))
    org = make_application(
        town_a.unit,
        received_at=at(2025, 4, 2),
        now=at(2025, 4, 2),
        applicant_type="organisation",
        organisation_kind="legal",
        id_type="credit_code",
        id_number="91350100M000100Y43",
    )
    row = rows(annual_table(town_a.unit, 2025))["received"]
    assert (row.count("person"), row.cells["legal"].ids, row.count()) == (1, [org.pk], 2)


def test_an_application_open_at_new_year_is_carried_over_both_ways(town_a):
    application = make_application(town_a.unit, received_at=at(2024, 12, 20), now=at(2024, 12, 20))
    handling.decide(application, "5.2", "重复申请。", now=at(2025, 1, 10))
    assert rows(annual_table(town_a.unit, 2024))["carried_out"].cells["total"].ids == [application.pk]


def test_an_application_from_last_year_counts_as_carried_in(town_a):
    application = make_application(town_a.unit, received_at=at(2024, 12, 20), now=at(2024, 12, 20))
    handling.decide(application, "5.2", "重复申请。", now=at(2025, 1, 10))
    table = rows(annual_table(town_a.unit, 2025))
    assert (table["carried_in"].count(), table["5.2"].count(), table["decided_total"].count()) == (1, 1, 1)


def test_annual_table_has_every_outcome_row_of_the_national_format():
    keys = [row.key for row in annual_table(None, 2025)]
    assert len([key for key in keys if "." in key]) == 8 + 3 + 5 + 3


def test_statistics_page_shows_no_applicant_data(client, town_a):
    application = make_application(town_a.unit, received_at=at(2025, 4, 1), now=at(2025, 4, 1))
    html = client.get(STATS_URL, {"year": "2025"}).content.decode()
    assert application.name not in html and application.phone not in html


def test_statistics_page_queries_do_not_grow_with_applications(client, town_a):
    make_application(town_a.unit, received_at=at(2025, 4, 1), now=at(2025, 4, 1))
    with building_pages():
        client.get(STATS_URL, {"year": "2025"})  # the site's chrome, kept in fragments afterwards
    with building_pages(), CaptureQueriesContext(connection) as few:
        client.get(STATS_URL, {"year": "2025"})
    for day in range(2, 12):
        make_application(town_a.unit, received_at=at(2025, 4, day), now=at(2025, 4, day))
    with building_pages(), CaptureQueriesContext(connection) as many:
        client.get(STATS_URL, {"year": "2025"})
    assert len(many) == len(few) <= 8


def test_statistics_page_changes_when_an_application_arrives(client, town_a):
    client.get(STATS_URL)  # cached for anonymous visitors
    make_application(town_a.unit)
    response = client.get(STATS_URL)
    assert response.context is not None and response.context["total"].received == 1
