"""Staff correct a catalogue entry from the page editor; a policy's own facts stay on the policy."""

from django.core.management import call_command
from django.urls import reverse

from townsquare.disclosure.models import CatalogueEntry, DisclosureIndexPage

from ..factories import NoticePageFactory, PolicyPageFactory
from ..helpers import login
from .factories import section_of


def test_the_page_editor_links_to_the_pages_catalogue_entry(client, county):
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    login(client, county.town_a.editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])).content.decode()
    assert reverse("wagtailsnippets_disclosure_catalogueentry:edit", args=[notice.catalogue_entry.pk]) in html


def test_a_towns_editor_changes_the_genre_of_their_notice(client, county):
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    entry = notice.catalogue_entry
    login(client, county.town_a.editor)
    client.post(
        reverse("wagtailsnippets_disclosure_catalogueentry:edit", args=[entry.pk]),
        {"category": "notice", "topic": "general", "genre": "circular", "written_on": "", "validity": "valid"},
    )
    assert CatalogueEntry.objects.get(pk=entry.pk).genre == "circular"


def test_a_policys_entry_form_does_not_offer_the_policys_own_facts(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    login(client, county.county.head)
    url = reverse("wagtailsnippets_disclosure_catalogueentry:edit", args=[policy.catalogue_entry.pk])
    html = client.get(url).content.decode()
    assert 'name="validity"' not in html


def test_the_command_gives_an_existing_unit_its_missing_section(county):
    section_of(county.town_b).delete()
    call_command("provision_gongkai", verbosity=0)
    assert DisclosureIndexPage.objects.child_of(county.town_b.home).exists()
