"""A new catalogue entry's metadata is guessed from its page; a policy's own facts are never stored twice."""

from townsquare.disclosure.models import CatalogueEntry, attach_policy_facts

from ..factories import InterpretationPageFactory, NoticePageFactory, PolicyPageFactory, PublicityPageFactory
from .factories import DisclosureItemPageFactory, section_of


def entry_of(page):
    return CatalogueEntry.objects.get(page=page)


def test_a_notice_is_a_notice_in_the_notices_category(county):
    entry = entry_of(NoticePageFactory(parent=county.town_a.section("notice")))
    assert (entry.genre, entry.category) == ("notice", "notice")


def test_a_publicity_about_subsistence_allowances_is_social_assistance(county):
    entry = entry_of(PublicityPageFactory(parent=county.town_a.section("publicity"), title="第三批低保对象名单公示"))
    assert (entry.genre, entry.category, entry.topic) == ("publicity", "assistance", "civil")


def test_a_policys_genre_comes_from_the_end_of_its_title(county):
    policy = PolicyPageFactory(parent=county.county.section("policy"), title="示范县农村道路养护管理办法")
    assert entry_of(policy).genre == "measures"


def test_a_policy_shows_its_own_document_number_and_validity(county):
    policy = PolicyPageFactory(parent=county.county.section("policy"), validity="repealed")
    (entry,) = attach_policy_facts([entry_of(policy)])
    assert (entry.document_number, entry.validity_label) == (policy.document_number, "已废止")


def test_an_interpretation_takes_its_policys_topic(county):
    policy = PolicyPageFactory(parent=county.county.section("policy"), topic="education")
    interpretation = InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy)
    assert (entry_of(interpretation).genre, entry_of(interpretation).topic) == ("interpretation", "education")


def test_a_budget_item_in_the_section_is_about_finance(county):
    item = DisclosureItemPageFactory(parent=section_of(county.county))
    assert (entry_of(item).category, entry_of(item).topic) == ("budget", "finance")


def test_the_publishing_unit_is_the_pages_unit(county):
    entry = entry_of(NoticePageFactory(parent=county.town_b.section("notice")))
    assert entry.unit == county.town_b.unit


def test_a_notices_written_date_defaults_to_its_publication(county):
    entry = entry_of(NoticePageFactory(parent=county.town_a.section("notice")))
    assert entry.written_on == entry.published_on


def test_a_policys_entry_stores_no_written_date_of_its_own(county):
    entry = entry_of(PolicyPageFactory(parent=county.county.section("policy")))
    assert entry.written_on is None
