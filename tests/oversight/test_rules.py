"""Each inspection rule at its threshold: one side passes, the other fails (or deducts)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from townsquare.oversight import admin_links, rules, scoring, snapshot
from townsquare.oversight.models import LinkCheckResult
from townsquare.publishing.models import InterpretationPage, PolicyPage
from townsquare.resident_requests import handling
from townsquare.services.models import ServiceGuidePage

from ..channels.factories import ChannelFactory
from ..factories import ImageFactory, InterpretationPageFactory, NewsPageFactory, PolicyPageFactory
from ..services.factories import ServiceGuideFactory, index_of
from .factories import add_section, ago, category_for, dated, file_request, item_in


@pytest.fixture
def now():
    """The moment of the check: a minute ahead, so pages the test publishes count as published by then."""
    return timezone.now() + timedelta(minutes=1)


def found(unit, code, now):
    return [f for f in rules.check(unit, now=now).findings if f.code == code]


def county_found(code, now):
    return [f for f in rules.check(None, now=now).findings if f.code == code]


# --- 首页 and 动态 ---------------------------------------------------------------------------------


def test_news_section_fails_after_two_weeks_without_news(town_a, now):
    news = town_a.section("news")
    page = item_in(news, ago(now, 13, 23))
    assert found(town_a.unit, "news_stale", now) == []
    dated(page, ago(now, 14, 1))
    [finding] = found(town_a.unit, "news_stale", now)
    assert finding.severity == scoring.VETO
    assert finding.url == reverse("wagtailadmin_pages:add_subpage", args=[news.pk])
    assert "14" in finding.detail and finding.unit_id == town_a.unit.pk


def test_empty_news_section_fails_too(town_a, now):
    [finding] = found(town_a.unit, "news_stale", now)
    assert "从未" in finding.detail


def test_home_page_fails_when_nothing_new_anywhere_for_two_weeks(town_a, now):
    notice = item_in(town_a.section("notice"), ago(now, 13, 23))
    assert found(town_a.unit, "home_stale", now) == []
    dated(notice, ago(now, 14, 1))
    [finding] = found(town_a.unit, "home_stale", now)
    assert finding.severity == scoring.VETO and "主页" in finding.detail


def test_a_past_date_sees_only_what_was_published_by_then(town_a, now):
    item_in(town_a.section("news"), ago(now, 2))
    assert found(town_a.unit, "news_stale", now) == []
    assert found(town_a.unit, "news_stale", ago(now, 30))  # the item did not exist a month ago


# --- 栏目 counts ------------------------------------------------------------------------------------


def test_five_notice_sections_not_updated_for_six_months_fail(town_a, now):
    sections = [town_a.section("notice")] + [add_section(town_a.home, "notice") for _ in range(4)]
    pages = [item_in(section, ago(now, 184)) for section in sections]
    [finding] = found(town_a.unit, "notice_sections_stale", now)
    assert finding.severity == scoring.VETO and "共5个" in finding.detail
    dated(pages[0], ago(now, 182))  # one updated within six months: four left
    assert found(town_a.unit, "notice_sections_stale", now) == []


def test_ten_sections_long_not_updated_fail(town_a, now, settings):
    settings.OVERSIGHT_STALE_SECTIONS_VETO = 3
    sections = [town_a.section("publicity")] + [add_section(town_a.home, "publicity") for _ in range(2)]
    pages = [item_in(section, ago(now, 366)) for section in sections]
    [finding] = found(town_a.unit, "sections_stale", now)
    assert finding.severity == scoring.VETO
    dated(pages[0], ago(now, 364))
    assert found(town_a.unit, "sections_stale", now) == []


def test_five_empty_sections_fail(town_a, now):
    # The town has three empty columns (动态、通知、公示); one more makes four: still passes.
    add_section(town_a.home, "general")
    assert found(town_a.unit, "sections_empty", now) == []
    assert len(found(town_a.unit, "section_empty", now)) == 4
    add_section(town_a.home, "topic")
    [finding] = found(town_a.unit, "sections_empty", now)
    assert finding.severity == scoring.VETO and "共5个" in finding.detail


def test_stale_section_deducts_points_with_a_link_to_add_content(town_a, now):
    notice = town_a.section("notice")
    page = item_in(notice, ago(now, 182))
    assert found(town_a.unit, "section_stale", now) == []
    dated(page, ago(now, 184))
    [finding] = found(town_a.unit, "section_stale", now)
    assert finding.severity == scoring.DEDUCTION and finding.points == 2
    assert finding.url == reverse("wagtailadmin_pages:add_subpage", args=[notice.pk])


# --- 互动回应 ----------------------------------------------------------------------------------------


def test_request_unanswered_for_more_than_three_months_fails(town_a, now):
    request = file_request(town_a.unit, ago(now, 89, 23))
    assert found(town_a.unit, "request_unanswered", now) == []
    type(request).objects.filter(pk=request.pk).update(received_at=ago(now, 90, 1))
    [finding] = found(town_a.unit, "request_unanswered", now)
    assert finding.severity == scoring.VETO
    assert finding.url == reverse("resident_requests_detail", args=[request.pk])
    assert found(town_a.unit, "request_unanswered", ago(now, 10)) == []  # ten days ago it was not yet late


def test_request_answered_after_three_months_still_fails_within_the_year(town_a, now):
    request = file_request(town_a.unit, ago(now, 100))
    handling.answer(request, "已修好。", town_a.editor, now=ago(now, 9))  # 91 days after it came in
    [finding] = found(town_a.unit, "request_unanswered", now)
    assert "才答复" in finding.detail
    other = file_request(town_a.unit, ago(now, 100), title="西街路灯不亮")
    handling.answer(other, "已修好。", town_a.editor, now=ago(now, 11))  # 89 days after
    assert len(found(town_a.unit, "request_unanswered", now)) == 1


def test_declined_requests_do_not_count(town_a, now):
    request = file_request(town_a.unit, ago(now, 120))
    handling.decline(request, "不属于本单位职责。", town_a.editor)
    assert found(town_a.unit, "request_unanswered", now) == []


def test_answer_past_its_deadline_deducts(town_a, now):
    request = file_request(town_a.unit, ago(now, 30))
    handling.answer(request, "已修好。", town_a.editor, now=request.answer_due - timedelta(hours=1))
    assert found(town_a.unit, "slow_answer", now) == []
    type(request).objects.filter(pk=request.pk).update(answered_at=request.answer_due + timedelta(hours=1))
    [finding] = found(town_a.unit, "slow_answer", now)
    assert finding.severity == scoring.DEDUCTION and finding.points == 1


def test_county_without_any_request_category_has_no_channel(county, now):
    [finding] = county_found("no_request_channel", now)
    assert finding.severity == scoring.VETO
    category_for(county.town_a.unit)
    assert county_found("no_request_channel", now) == []


# --- 办事服务 ----------------------------------------------------------------------------------------


def test_guide_missing_an_element_fails_unless_explained(town_a, now):
    guide = ServiceGuideFactory(parent=index_of(town_a.home))
    assert found(town_a.unit, "guide_incomplete", now) == []
    ServiceGuidePage.objects.filter(pk=guide.pk).update(place="")
    [finding] = found(town_a.unit, "guide_incomplete", now)
    assert finding.severity == scoring.VETO and "办理地点" in finding.detail
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[guide.pk])
    ServiceGuidePage.objects.filter(pk=guide.pk).update(incomplete_reason="本事项在村里上门办理，没有固定地点。")
    assert found(town_a.unit, "guide_incomplete", now) == []


def test_county_without_any_guide_offers_no_service(county, now):
    assert county_found("no_service", now)
    ServiceGuideFactory(parent=index_of(county.town_a.home))
    assert county_found("no_service", now) == []


# --- Content quality ---------------------------------------------------------------------------


def test_image_without_alt_text_deducts(town_a, now):
    image = ImageFactory()
    body = [("text", f'<p>新修的村道。</p><embed alt="" embedtype="image" format="fullwidth" id="{image.pk}"/>')]
    page = NewsPageFactory(parent=town_a.section("news"), body=body)
    [finding] = found(town_a.unit, "image_alt", now)
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    described = [("text", f'<embed alt="新修的村道" embedtype="image" format="fullwidth" id="{image.pk}"/>')]
    page.body = described
    page.save_revision().publish()
    assert found(town_a.unit, "image_alt", now) == []


def test_images_without_alt_counts_rich_text_and_graphic_blocks():
    raw = [
        {
            "type": "text",
            "value": '<embed embedtype="image" id="1" format="left"/><embed alt="图" embedtype="image" id="2"/>',
        },
        {"type": "graphic", "value": {"image": 3, "alt": " ", "caption": ""}},
        {"type": "graphic", "value": {"image": 4, "alt": "示意图", "caption": ""}},
    ]
    assert snapshot.images_without_alt(raw) == 2


def test_policy_without_summary_deducts(county, now):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    assert found(county.county.unit, "policy_summary", now) == []
    PolicyPage.objects.filter(pk=policy.pk).update(summary="  ")
    [finding] = found(county.county.unit, "policy_summary", now)
    assert finding.severity == scoring.DEDUCTION


def test_interpretation_not_linked_to_a_policy_deducts(county, now):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    reading = InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy)
    assert found(county.county.unit, "interpretation_unlinked", now) == []
    InterpretationPage.objects.filter(pk=reading.pk).update(policy=None)
    [finding] = found(county.county.unit, "interpretation_unlinked", now)
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[reading.pk])


def test_publish_date_before_the_first_draft_is_a_forged_date(town_a, now, settings):
    page = item_in(town_a.section("news"), ago(now, 5))
    dated(page, ago(now, 5), written=ago(now, 4, 12))  # 12 hours: within the tolerance
    assert found(town_a.unit, "forged_date", now) == []
    dated(page, ago(now, 5), written=ago(now, 3))
    [finding] = found(town_a.unit, "forged_date", now)
    assert finding.severity == scoring.DEDUCTION and finding.points == 5
    settings.OVERSIGHT_FORGED_DATE_VETO = True
    assert found(town_a.unit, "forged_date", now)[0].severity == scoring.VETO


def test_broken_link_deducts_with_the_page_to_fix(town_a, now):
    page = NewsPageFactory(parent=town_a.section("news"))
    result = LinkCheckResult.objects.create(
        url="http://127.0.0.1:9/gone", kind="external", host="127.0.0.1", status="broken", detail="HTTP 404"
    )
    result.pages.add(page)
    [finding] = found(town_a.unit, "broken_link", now)
    assert "127.0.0.1:9/gone" in finding.detail
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    LinkCheckResult.objects.filter(pk=result.pk).update(status="ok")
    assert found(town_a.unit, "broken_link", now) == []


# --- External accounts -------------------------------------------------------------------------


def test_account_without_update_for_more_than_two_weeks_is_a_zombie(town_a, now):
    today = timezone.localdate(now)
    channel = ChannelFactory(unit=town_a.unit, last_update_on=today - timedelta(days=14))
    assert found(town_a.unit, "zombie_account", now) == []
    type(channel).objects.filter(pk=channel.pk).update(last_update_on=today - timedelta(days=15))
    [finding] = found(town_a.unit, "zombie_account", now)
    assert channel.name in finding.detail and "15天前" in finding.detail
    assert finding.url == admin_links.channel_admin_url(channel.pk) != ""


def test_stopped_accounts_are_not_zombies(town_a, now):
    today = timezone.localdate(now)
    ChannelFactory(unit=town_a.unit, last_update_on=today - timedelta(days=60), status="suspended")
    assert found(town_a.unit, "zombie_account", now) == []


# --- Scoring -----------------------------------------------------------------------------------


def _fake_rule(count, severity=scoring.DEDUCTION):
    def check(rule, scope, data):
        return [rule.finding(f"问题{n}", "改掉") for n in range(count)]

    return rules.Rule("fake", severity, "测试规则", check, "OVERSIGHT_POINTS_FAKE", "OVERSIGHT_CAP_FAKE")


SCOPE = scoring.Scope(None, frozenset(), frozenset())


def test_score_below_the_pass_mark_fails(settings):
    settings.OVERSIGHT_POINTS_FAKE, settings.OVERSIGHT_CAP_FAKE = 10, 50
    passing = scoring.run_rules(SCOPE, None, [_fake_rule(4)])
    assert passing.score == 60 and passing.passed
    failing = scoring.run_rules(SCOPE, None, [_fake_rule(5)])
    assert failing.score == 50 and not failing.passed


def test_a_rule_costs_at_most_its_cap(settings):
    settings.OVERSIGHT_POINTS_FAKE, settings.OVERSIGHT_CAP_FAKE = 10, 20
    result = scoring.run_rules(SCOPE, None, [_fake_rule(6)])
    assert result.score == 80 and len(result.deductions) == 6


def test_any_veto_fails_whatever_the_score(settings):
    settings.OVERSIGHT_POINTS_FAKE, settings.OVERSIGHT_CAP_FAKE = 10, 50
    result = scoring.run_rules(SCOPE, None, [_fake_rule(1, scoring.VETO)])
    assert result.score == 100 and not result.passed


def test_findings_are_listed_veto_first(settings):
    settings.OVERSIGHT_POINTS_FAKE, settings.OVERSIGHT_CAP_FAKE = 1, 10
    result = scoring.run_rules(SCOPE, None, [_fake_rule(2), _fake_rule(1, scoring.VETO)])
    assert [f.severity for f in result.findings] == [scoring.VETO, scoring.DEDUCTION, scoring.DEDUCTION]


# --- Query count -------------------------------------------------------------------------------


def _content(county, now, n):
    for place in (county.town_a, county.town_b):
        for _ in range(n):
            item_in(place.section("news"), ago(now, 20))
            add_section(place.home, "notice")
            file_request(place.unit, ago(now, 100))
            ChannelFactory(unit=place.unit, last_update_on=timezone.localdate(now) - timedelta(days=30))


def test_queries_do_not_grow_with_units_sections_or_pages(county, now):
    _content(county, now, 1)
    with CaptureQueriesContext(connection) as few:
        rules.evaluate(now)
    _content(county, now, 3)
    with CaptureQueriesContext(connection) as many:
        evaluation = rules.evaluate(now)
    # 25, live ID numbers (26th), 政务公开 coverage (areas, items, pages), stale answers, late 回应关切
    assert len(many) == len(few) <= 30
    assert evaluation.zombies()
