"""The demo county has two weeks of availability checks with one short outage, so 监管 shows something."""

import pytest
from django.urls import reverse

from townsquare.oversight import availability
from townsquare.oversight.models import Outage

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_demo_week_has_three_failed_checks_under_the_threshold():
    window = availability.window()
    assert (window.failures, window.vetoed) == (3, False)


def test_the_demo_outage_is_over():
    assert [outage.is_open for outage in Outage.objects.all()] == [False]


def test_the_dashboard_shows_the_demo_week(client):
    assert client.login(username="county_head", password="demo-pass-2026")
    content = client.get(reverse("oversight_dashboard")).content.decode()
    assert "打不开 3 次" in content[content.index('id="availability"') :]
