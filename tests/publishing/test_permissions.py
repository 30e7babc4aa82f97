"""Each unit's staff work in their own part of the page tree, and nobody publishes directly."""

import pytest
from django.urls import reverse

from ..factories import PASSWORD, NewsPageFactory, NoticePageFactory, UserFactory

ROLES = ["editor", "reviewer", "head"]


def perms(page, user):
    return page.permissions_for_user(user)


@pytest.fixture
def page_in_a(town_a):
    return NewsPageFactory(parent=town_a.section("news"), title="青禾镇新闻")


@pytest.fixture
def page_in_b(town_b):
    return NewsPageFactory(parent=town_b.section("news"), title="石桥镇新闻")


@pytest.mark.parametrize("role", ROLES)
def test_town_staff_may_edit_and_add_in_their_own_town(town_a, page_in_a, role):
    user = getattr(town_a, role)

    assert perms(page_in_a, user).can_edit()
    assert perms(town_a.section("news"), user).can_add_subpage()
    assert perms(town_a.section("notice"), user).can_add_subpage()


@pytest.mark.parametrize("role", ROLES)
def test_town_staff_may_not_touch_another_town(town_a, town_b, page_in_b, role):
    user = getattr(town_a, role)

    assert not perms(page_in_b, user).can_edit()
    assert not perms(town_b.section("news"), user).can_add_subpage()
    assert not perms(town_b.home, user).can_edit()


@pytest.mark.parametrize("role", ROLES)
def test_town_staff_may_not_touch_the_county_columns(county, role):
    user = getattr(county.town_a, role)
    county_news = NewsPageFactory(parent=county.county.section("news"))

    assert not perms(county_news, user).can_edit()
    assert not perms(county.county.section("news"), user).can_add_subpage()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["county", "town_a", "town_b"])
def test_nobody_in_a_unit_may_publish_directly(county, role, where):
    place = getattr(county, where)
    page = NewsPageFactory(parent=place.section("news"))

    for staff in (county.county, county.town_a, county.town_b, county.media):
        user = getattr(staff, role)
        assert not perms(page, user).can_publish(), f"{user.username} may publish in {where}"
        assert not perms(place.section("news"), user).can_publish_subpage()


def test_a_superuser_may_publish_so_the_check_above_means_something(page_in_a):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)

    assert perms(page_in_a, admin).can_publish()


@pytest.mark.parametrize("role", ROLES)
def test_county_staff_may_edit_everywhere(county, page_in_a, page_in_b, role):
    user = getattr(county.county, role)
    county_notice = NoticePageFactory(parent=county.county.section("notice"))

    for page in (page_in_a, page_in_b, county_notice):
        assert perms(page, user).can_edit(), page.url
    assert perms(county.town_b.section("publicity"), user).can_add_subpage()


def test_staff_may_submit_their_pages_for_review(town_a, page_in_a):
    assert perms(page_in_a, town_a.editor).can_submit_for_moderation()


def test_reviewers_may_lock_but_editors_may_not(town_a, page_in_a):
    assert perms(page_in_a, town_a.reviewer).can_lock()
    assert not perms(page_in_a, town_a.editor).can_lock()


# --- The same rules through the admin ----------------------------------------------


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(section, model="newspage"):
    return reverse("wagtailadmin_pages:add", args=["publishing", model, section.pk])


def refused(response, url):
    """Wagtail refuses with 403 or by sending the user elsewhere (to the dashboard, with a message)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] != url


def test_editor_opens_the_editor_for_a_page_of_their_town(client, town_a, page_in_a):
    response = login(client, town_a.editor).get(edit_url(page_in_a))

    assert response.status_code == 200
    assert "青禾镇新闻" in response.content.decode()


def test_editor_is_refused_the_editor_for_another_towns_page(client, town_a, page_in_b):
    url = edit_url(page_in_b)

    response = login(client, town_a.editor).get(url)

    assert refused(response, url), response.status_code


def test_editor_may_start_a_page_in_their_town_but_not_in_another(client, town_a, town_b):
    login(client, town_a.editor)

    assert client.get(add_url(town_a.section("news"))).status_code == 200
    url = add_url(town_b.section("news"))
    assert refused(client.get(url), url)


def test_county_editor_opens_the_editor_for_any_towns_page(client, county, page_in_a, page_in_b):
    login(client, county.county.editor)

    assert client.get(edit_url(page_in_a)).status_code == 200
    assert client.get(edit_url(page_in_b)).status_code == 200


def test_the_page_explorer_of_another_town_is_refused(client, town_a, town_b):
    url = reverse("wagtailadmin_explore", args=[town_b.section("news").pk])

    response = login(client, town_a.editor).get(url)

    assert refused(response, url)


def test_anonymous_visitors_are_sent_to_the_login(client, page_in_a):
    response = client.get(edit_url(page_in_a))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
