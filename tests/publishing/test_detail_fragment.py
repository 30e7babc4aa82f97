"""A publication's detail is kept as a fragment until the page, what it shows or the clock changes it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    InterpretationPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    PolicyPageFactory,
    PublicityPageFactory,
    publish,
)
from tests.helpers import fresh
from townsquare.publishing.models import UpdateRecord

pytestmark = pytest.mark.django_db

BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def built(client, page):
    return client.get(page.url, **BUILT).content.decode()


def test_a_kept_detail_reads_nothing_of_what_it_shows(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    UpdateRecord.objects.create(page_id=policy.pk, noted_at=timezone.now(), note="补充了附件")
    built(client, policy)

    with CaptureQueriesContext(connection) as captured:
        built(client, policy)

    assert not [query for query in captured.captured_queries if "publishing_updaterecord" in query["sql"]]


def test_a_new_revision_shows_on_the_next_build(client, town_a):
    news = NewsPageFactory(parent=town_a.section("news"), summary="旧的摘要。")
    built(client, news)
    news.summary = "新的摘要：村道已修好。"

    publish(news)

    assert "新的摘要：村道已修好。" in built(client, news)


def test_a_new_update_record_shows_on_the_next_build(client, town_a):
    news = NewsPageFactory(parent=town_a.section("news"))
    built(client, news)

    UpdateRecord.objects.create(page_id=news.pk, noted_at=timezone.now(), note="更正了开会地点")

    assert "更正了开会地点" in built(client, news)


def test_a_renamed_unit_shows_on_its_kept_publications(client, town_a):
    news = NewsPageFactory(parent=town_a.section("news"))
    built(client, news)
    unit = fresh(news).unit
    unit.name = "青禾街道"

    unit.save()

    assert "发布单位：青禾街道" in built(client, news)


def test_a_publicity_shows_ended_once_its_period_is_over(client, town_a, time_machine):
    now = timezone.now()
    publicity = PublicityPageFactory(
        parent=town_a.section("publicity"),
        period_starts=now - timezone.timedelta(days=1),
        period_ends=now + timezone.timedelta(minutes=10),
    )
    built(client, publicity)

    time_machine.move_to(now + timezone.timedelta(minutes=11))

    assert "这次公示已在" in built(client, publicity)


def test_a_notice_shows_expired_once_its_validity_ends(client, town_a, time_machine):
    now = timezone.now()
    notice = NoticePageFactory(parent=town_a.section("notice"), valid_until=now + timezone.timedelta(minutes=10))
    built(client, notice)

    time_machine.move_to(now + timezone.timedelta(minutes=11))

    assert "这条通知已经过了有效期" in built(client, notice)


def test_a_new_interpretation_shows_on_its_kept_policy(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    built(client, policy)

    InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy, title="三句话读懂新办法")

    assert "三句话读懂新办法" in built(client, policy)


def test_an_unpublished_replacement_leaves_the_repealed_policys_banner(client, county):
    column = county.county.section("policy")
    newer = PolicyPageFactory(parent=column, title="示范县农村道路养护办法（2027年修订）")
    older = PolicyPageFactory(parent=column, validity="repealed", replaced_by=newer)
    built(client, older)

    fresh(newer).unpublish()

    assert "示范县农村道路养护办法（2027年修订）" not in built(client, older)


def test_a_retitled_policy_shows_on_its_kept_interpretation(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    interpretation = InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy)
    built(client, interpretation)
    policy.title = "示范县农村道路养护办法（修订稿）"

    publish(policy)

    assert "示范县农村道路养护办法（修订稿）" in built(client, interpretation)


def preview_of_draft(page):
    """The draft as the admin's preview renders it, on the page's site (as a warm site cache gives it)."""
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    request._wagtail_site = page.get_site()
    request.is_preview = True
    draft = page.get_latest_revision_as_object()
    return draft.serve_preview(request, draft.default_preview_mode).render().content.decode()


def test_a_draft_preview_is_not_kept_for_visitors(client, town_a):
    news = NewsPageFactory(parent=town_a.section("news"), summary="已发布的摘要。")
    news.summary = "草稿里的摘要。"
    news.save_revision()
    preview_of_draft(news)

    assert "草稿里的摘要。" not in built(client, news)
