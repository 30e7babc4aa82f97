"""公开年报 figures: policies issued and repealed, staff-entered figures, the applications table, county sums."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from townsquare.disclosure.annual.tables import build, public
from townsquare.disclosure_requests import handling
from townsquare.publishing.models import PolicyPage

from ..disclosure_requests.factories import make_application
from ..factories import PolicyPageFactory
from .factories import AnnualReportFactory, DisclosureItemPageFactory, section_of

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
THIS_YEAR = timezone.localdate().year


def at(year, month, day):
    return datetime.datetime(year, month, day, 10, tzinfo=SHANGHAI)


def policy_of(county, unit, **fields):
    """A policy of ``unit`` (towns have no policy column of their own; the county's takes them)."""
    return PolicyPageFactory(parent=county.county.section("policy"), unit=unit, **fields)


def normative(data):
    return next(row for row in data["documents"] if row["label"] == "行政规范性文件")["cells"]


def application_row(data, key):
    return next(row for row in data["applications"]["rows"] if row["key"] == key)


def test_a_policy_written_this_year_counts_as_issued(county, town_a):
    policy = policy_of(county, town_a.unit, written_on=datetime.date(THIS_YEAR, 2, 1))
    issued = normative(build(AnnualReportFactory(unit=town_a.unit, year=THIS_YEAR)))[0]
    assert (issued["value"], issued["ids"], issued["source"]) == (1, [policy.pk], "pages")


def test_a_policy_repealed_this_year_counts_as_repealed_not_valid(county, town_a):
    policy = policy_of(county, town_a.unit, written_on=datetime.date(THIS_YEAR - 3, 2, 1))
    policy.validity = PolicyPage.Validity.REPEALED
    policy.save_revision().publish()
    cells = normative(build(AnnualReportFactory(unit=town_a.unit, year=THIS_YEAR)))
    assert (cells[1]["ids"], cells[2]["value"]) == ([policy.pk], 0)


def test_a_figure_staff_entered_wins_over_the_count(county, town_a):
    policy_of(county, town_a.unit, written_on=datetime.date(THIS_YEAR, 2, 1))
    issued = normative(build(AnnualReportFactory(unit=town_a.unit, year=THIS_YEAR, normative_issued=4)))[0]
    assert (issued["value"], issued["ids"]) == (4, [])


def test_another_towns_policy_is_not_counted(county, town_a, town_b):
    policy_of(county, town_b.unit, written_on=datetime.date(THIS_YEAR, 2, 1))
    assert normative(build(AnnualReportFactory(unit=town_a.unit, year=THIS_YEAR)))[0]["value"] == 0


def test_catalogue_entries_of_the_year_are_counted_by_category(town_a):
    item = DisclosureItemPageFactory(parent=section_of(town_a))
    data = build(AnnualReportFactory(unit=town_a.unit, year=THIS_YEAR))
    budget = next(line for line in data["published"]["lines"] if line["label"] == "财政预决算")
    assert budget["figure"]["ids"] == [item.pk]


def test_an_application_answered_in_full_lands_in_the_first_outcome_row(town_a):
    application = make_application(town_a.unit, received_at=at(2025, 3, 3), now=at(2025, 3, 3))
    handling.decide(application, "1", "予以公开。", now=at(2025, 3, 20))
    row = application_row(build(AnnualReportFactory(unit=town_a.unit)), "1")
    assert (row["cells"][0]["ids"], row["cells"][-1]["value"]) == ([application.pk], 1)


def test_an_application_partly_disclosed_lands_in_the_second_outcome_row(town_a):
    application = make_application(town_a.unit, received_at=at(2025, 3, 3), now=at(2025, 3, 3))
    handling.decide(application, "2", "部分公开。", now=at(2025, 3, 20))
    row = application_row(build(AnnualReportFactory(unit=town_a.unit)), "2")
    assert row["cells"][-1]["ids"] == [application.pk]


def test_an_open_application_is_carried_over(town_a):
    application = make_application(town_a.unit, received_at=at(2025, 12, 29), now=at(2025, 12, 29))
    row = application_row(build(AnnualReportFactory(unit=town_a.unit)), "carried_out")
    assert row["cells"][-1]["ids"] == [application.pk]


def test_the_county_report_sums_every_units_applications(county):
    for place in (county.town_a, county.town_b, county.county):
        make_application(place.unit, received_at=at(2025, 5, 6), now=at(2025, 5, 6))
    row = application_row(build(AnnualReportFactory(unit=county.county.unit)), "received")
    assert row["cells"][-1]["value"] == 3


def test_a_towns_report_counts_only_its_own_applications(county):
    make_application(county.town_a.unit, received_at=at(2025, 5, 6), now=at(2025, 5, 6))
    make_application(county.town_b.unit, received_at=at(2025, 5, 6), now=at(2025, 5, 6))
    row = application_row(build(AnnualReportFactory(unit=county.town_a.unit)), "received")
    assert row["cells"][-1]["value"] == 1


def test_litigation_totals_are_computed(town_a):
    report = AnnualReportFactory(unit=town_a.unit, review_upheld=2, review_corrected=1, review_pending=1)
    review = build(report)["litigation"][0]["cells"]
    assert [cell["value"] for cell in review] == [2, 1, 0, 1, 4]


def test_the_public_copy_holds_no_ids(town_a):
    make_application(town_a.unit, received_at=at(2025, 5, 6), now=at(2025, 5, 6))
    copy = public(build(AnnualReportFactory(unit=town_a.unit)))
    assert '"ids"' not in str(copy).replace("'", '"')
