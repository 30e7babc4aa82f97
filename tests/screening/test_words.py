"""错敏词 are checked at 终审 with the suggestion; one click replaces the word."""

from django.urls import reverse

from townsquare.screening.models import Finding, SensitiveWord

from ..factories import NewsPageFactory
from ..helpers import fresh, login, review
from .conftest import at_final_step, text_body


def draft_with(county, html):
    page = NewsPageFactory(parent=county.town_a.section("news"), body=text_body(html), publish=False)
    return at_final_step(page, county.town_a)


def test_an_outdated_word_holds_the_page_back(county):
    SensitiveWord.objects.create(word="国土资源局", kind="outdated", suggestion="自然资源局")
    page = draft_with(county, "<p>请到县国土资源局办理。</p>")

    assert not review(page, county.media.reviewer).live


def test_one_click_replaces_the_word_with_the_suggestion(county, client):
    SensitiveWord.objects.create(word="国土资源局", kind="outdated", suggestion="自然资源局")
    page = draft_with(county, "<p>请到县国土资源局办理。</p>")
    review(page, county.media.reviewer)
    login(client, county.media.reviewer)

    client.post(reverse("screening_page", args=[page.pk]), {"finding": Finding.objects.get().pk, "action": "mask"})

    assert "请到县自然资源局办理" in str(fresh(page).get_latest_revision_as_object().body.raw_data)


def test_an_inactive_word_is_not_checked(county):
    SensitiveWord.objects.create(word="国土资源局", kind="outdated", suggestion="自然资源局", active=False)
    page = draft_with(county, "<p>请到县国土资源局办理。</p>")

    assert review(page, county.media.reviewer).live


def test_a_towns_staff_cannot_change_the_word_list(county, client):
    login(client, county.town_a.head)

    response = client.get(reverse("wagtailsnippets_screening_sensitiveword:add"))

    assert response.status_code == 302


def test_county_staff_add_a_word_in_the_admin(county, client):
    login(client, county.county.head)

    client.post(
        reverse("wagtailsnippets_screening_sensitiveword:add"),
        {"word": "环保局", "kind": "outdated", "suggestion": "生态环境局", "note": "机构改革后更名", "active": "on"},
    )

    assert SensitiveWord.objects.filter(word="环保局", suggestion="生态环境局").exists()
