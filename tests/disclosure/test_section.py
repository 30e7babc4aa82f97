"""Every unit with a home page has its 政府信息公开 section, provisioned with the standard structure."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import hooks

from townsquare.disclosure.models import (
    DisclosureApplicationPage,
    DisclosureIndexPage,
    DisclosureReportIndexPage,
    DisclosureTextPage,
)
from townsquare.publishing.provisioning import ensure_unit_home, provision_unit
from townsquare.units.models import Unit

from ..factories import UnitFactory
from .factories import DisclosureItemPageFactory, section_of


def test_the_county_section_lives_at_gongkai(client, county):
    assert section_of(county.county).url == "/gongkai/"


def test_a_new_unit_gets_its_section_with_the_standard_parts(county):
    town = UnitFactory(name="柳塘镇", short_name="柳塘镇", slug="liutang-t", kind=Unit.Kind.TOWN)
    home = ensure_unit_home(town)
    section = DisclosureIndexPage.objects.child_of(home).get()
    parts = {
        "guide": DisclosureTextPage.objects.child_of(section).filter(kind="guide").count(),
        "rules": DisclosureTextPage.objects.child_of(section).filter(kind="rules").count(),
        "application": DisclosureApplicationPage.objects.child_of(section).count(),
        "reports": DisclosureReportIndexPage.objects.child_of(section).count(),
    }
    assert parts == {"guide": 1, "rules": 1, "application": 1, "reports": 1}


def test_provisioning_again_adds_no_second_section(county):
    provision_unit(county.town_a.unit, county.town_a.home)
    assert DisclosureIndexPage.objects.child_of(county.town_a.home).count() == 1


def test_no_section_child_takes_the_applications_path(county):
    section = section_of(county.county)
    assert not section.get_children().filter(slug="shenqing").exists()


def test_the_section_pages_go_through_the_units_review_workflow(county):
    section = section_of(county.town_a)
    assert section.get_workflow().name == f"{county.town_a.unit.name}三审"


def test_the_application_page_shows_no_links_when_no_app_provides_them(client, county, monkeypatch):
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, "townsquare_disclosure_application", [])
    page = DisclosureApplicationPage.objects.child_of(section_of(county.town_a)).get()
    response = client.get(page.url)
    assert "在网上申请" not in response.content.decode()


def test_a_section_page_may_not_take_the_applications_address(county):
    item = DisclosureItemPageFactory(parent=section_of(county.county))
    item.slug = "shenqing"
    with pytest.raises(ValidationError, match="在线申请页面的网址"):
        item.full_clean()
