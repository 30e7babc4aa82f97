"""The demo's 政务公开: every unit's section, its catalogue, the towns' 标准目录 with overdue items."""

import pytest

from townsquare.disclosure.coverage import coverage
from townsquare.disclosure.models import CatalogueEntry, DisclosureIndexPage, DisclosureItemPage
from townsquare.publishing.models import NoticePage, PolicyPage, PublicityPage, UnitHomePage
from townsquare.units.models import Unit, validate_organization_code

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_every_home_has_its_section():
    assert DisclosureIndexPage.objects.live().count() == UnitHomePage.objects.count() + 1


def test_every_unit_has_a_valid_organization_code():
    for code in Unit.objects.values_list("organization_code", flat=True):
        validate_organization_code(code)


def test_every_live_policy_notice_and_publicity_is_in_the_catalogue():
    for model in (PolicyPage, NoticePage, PublicityPage):
        assert not model.objects.live().filter(catalogue_entry__isnull=True).exists(), model


def test_catalogue_entries_are_dated_by_their_pages_first_publication():
    from django.utils import timezone

    for entry in CatalogueEntry.objects.select_related("page"):
        assert entry.published_on == timezone.localdate(entry.page.first_published_at), entry.index_number


def test_sections_have_items_of_their_own_such_as_the_budget():
    assert DisclosureItemPage.objects.live().filter(category="budget").exists()


def test_three_towns_have_overdue_catalogue_items():
    overdue = {row.unit.slug for row in coverage() if row.overdue}
    assert overdue == {"qinghe", "shiqiao", "liutang"}


def test_the_town_section_page_opens(client):
    assert client.get("/qinghe/gongkai/").status_code == 200
