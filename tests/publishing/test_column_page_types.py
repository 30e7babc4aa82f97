"""A column offers only the page type it lists, named as the column calls its items."""

from django.urls import reverse

from townsquare.publishing.models import SectionPage

from ..helpers import login


def test_a_news_column_goes_straight_to_a_new_news_item(client, town_a):
    column = town_a.section("news")
    login(client, town_a.editor)

    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[column.pk]))

    assert response.url == reverse("wagtailadmin_pages:add", args=["publishing", "newspage", column.pk])


def test_a_notice_cannot_be_created_in_a_news_column(client, town_a):
    column = town_a.section("news")
    login(client, town_a.editor)

    response = client.get(reverse("wagtailadmin_pages:add", args=["publishing", "noticepage", column.pk]))

    assert response.url == reverse("wagtailadmin_home")  # how the admin refuses: back to the dashboard


def test_a_general_column_offers_every_publication_type(town_a):
    column = SectionPage(title="综合", slug="zonghe", kind=SectionPage.Kind.GENERAL)
    town_a.home.add_child(instance=column)

    creatable = [model for model in SectionPage.creatable_subpage_models() if model.can_create_at(column)]

    assert len(creatable) == 6


def test_a_new_item_is_named_as_its_column_calls_it(client, town_a):
    column = town_a.section("news")
    login(client, town_a.editor)

    response = client.get(reverse("wagtailadmin_pages:add", args=["publishing", "newspage", column.pk]))

    assert f"新建：{column.title}" in response.content.decode()
