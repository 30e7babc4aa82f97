"""What an editor must get right before a page can be saved: each rule with its Chinese message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.publishing.models import (
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyPage,
    PublicityPage,
    TopicPage,
)

from ..factories import PolicyPageFactory
from ..helpers import login

NOW = timezone.now()

# Wagtail's Page.clean() looks up the tree (slug checks), so every test here may touch the database.
pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def valid(model, **fields):
    """An unsaved page of ``model`` that passes clean(); override fields to break one rule."""
    defaults = {"title": "标题", "summary": "一句话摘要。"}
    extra = {
        PublicityPage: {
            "period_starts": NOW,
            "period_ends": NOW + datetime.timedelta(days=7),
            "objection_contact": "电话",
        },
        PolicyPage: {
            "issuing_authority": "示范县人民政府",
            "written_on": datetime.date(2026, 3, 2),
            "published_on": datetime.date(2026, 3, 5),
        },
        InterpretationPage: {"policy_id": 1},
    }.get(model, {})
    return model(**{**defaults, **extra, **fields})


@pytest.mark.parametrize("model", [NewsPage, NoticePage, PublicityPage, PolicyPage, InterpretationPage, TopicPage])
def test_a_complete_page_is_valid(model):
    valid(model).clean()


@pytest.mark.parametrize("model", [NoticePage, PublicityPage, PolicyPage, InterpretationPage])
def test_notices_publicity_policies_and_interpretations_need_a_summary(model):
    errors = errors_of(valid(model, summary=""))

    assert errors["summary"] == ["请填写摘要：用一两句话告诉读者这件事跟谁有关、要做什么。"]


def test_a_summary_of_spaces_is_no_summary():
    assert "summary" in errors_of(valid(NoticePage, summary="   \n "))


@pytest.mark.parametrize("model", [NewsPage, TopicPage])
def test_news_and_topics_may_go_without_a_summary(model):
    valid(model, summary="").clean()


def test_a_repost_must_name_its_source():
    errors = errors_of(valid(NewsPage, origin=NewsPage.Origin.REPOST, source_name=""))

    assert errors["source_name"] == ["转载的内容请注明来源。"]


def test_a_repost_with_its_source_is_valid():
    valid(NewsPage, origin=NewsPage.Origin.REPOST, source_name="示范日报").clean()


def test_missing_summary_and_source_are_reported_together():
    errors = errors_of(valid(NoticePage, summary="", origin=NoticePage.Origin.REPOST))

    assert set(errors) == {"summary", "source_name"}


@pytest.mark.parametrize("days", [0, -1])
def test_publicity_must_end_after_it_starts(days):
    errors = errors_of(valid(PublicityPage, period_ends=NOW + datetime.timedelta(days=days)))

    assert errors["period_ends"] == ["公示截止时间要晚于开始时间。"]


def test_a_policy_cannot_be_published_before_it_was_written():
    errors = errors_of(valid(PolicyPage, written_on=datetime.date(2026, 3, 5), published_on=datetime.date(2026, 3, 4)))

    assert errors["published_on"] == ["发布日期不能早于成文日期。"]


def test_a_policy_published_the_day_it_was_written_is_valid():
    valid(PolicyPage, written_on=datetime.date(2026, 3, 5), published_on=datetime.date(2026, 3, 5)).clean()


def test_a_valid_policy_has_no_replacement():
    errors = errors_of(valid(PolicyPage, validity=PolicyPage.Validity.VALID, replaced_by_id=99))

    assert "replaced_by" in errors


def test_a_policy_cannot_replace_itself():
    errors = errors_of(valid(PolicyPage, pk=7, validity=PolicyPage.Validity.REPEALED, replaced_by_id=7))

    assert errors["replaced_by"] == ["替代文件不能是它自己。"]


def test_an_interpretation_must_name_its_policy():
    errors = errors_of(valid(InterpretationPage, policy_id=None))

    assert errors["policy"] == ["请选择这篇解读对应的政策文件。"]


# --- The rules hold when saving, not only in forms --------------------------------------


def test_saving_a_notice_without_summary_is_refused(town_a):
    with pytest.raises(ValidationError) as caught:
        town_a.section("notice").add_child(instance=NoticePage(title="没有摘要的通知", slug="no-summary", summary=""))

    assert "summary" in caught.value.message_dict
    assert not NoticePage.objects.filter(slug="no-summary").exists()


def test_saving_an_interpretation_without_policy_is_refused(county):
    section = county.county.section("interpretation")
    with pytest.raises(ValidationError):
        section.add_child(instance=InterpretationPage(title="没有文件的解读", slug="no-policy", summary="摘要"))


def test_the_admin_shows_the_summary_rule_in_chinese(client, town_a):
    section = town_a.section("notice")
    login(client, town_a.editor)
    url = f"/admin/pages/add/publishing/noticepage/{section.pk}/"
    data = {
        "title": "停水通知",
        "slug": "tingshui",
        "summary": "",
        "origin": "original",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }

    response = client.post(url, data)

    assert response.status_code == 200, "an invalid page must come back to the form"
    assert "请填写摘要" in response.content.decode()
    assert not NoticePage.objects.filter(slug="tingshui").exists()


def test_the_policy_factory_makes_a_valid_policy(county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))

    assert policy.live and policy.unit == county.county.unit
