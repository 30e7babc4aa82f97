"""{% breadcrumbs %}: one trail for every public page, the last link marked as the current page."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse

from townsquare.publishing.models import SectionPage

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load townsquare_tags %}" + source).render(Context(context))


def links(html):
    """(label, href, current) for each link of the trail."""
    return [
        (label, href, bool(current))
        for href, current, label in re.findall(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', html)
    ]


def test_the_trail_starts_at_the_county_home_and_marks_the_last_link():
    html = render(
        '{% breadcrumbs %}{% crumb "我要留言" "/liuyan/" %}{% crumb title "/liuyan/done/" %}{% endbreadcrumbs %}',
        county_home={"url": "/"},
        title="留言已提交",
    )

    assert '<nav class="breadcrumbs" aria-label="当前位置">' in html
    assert "<ol>" in html
    assert links(html) == [("首页", "/", False), ("我要留言", "/liuyan/", False), ("留言已提交", "/liuyan/done/", True)]


def test_without_a_county_home_the_first_link_is_the_site_root():
    html = render('{% breadcrumbs %}{% crumb "天气" "/tianqi/" %}{% endbreadcrumbs %}')

    assert links(html)[0] == ("首页", "/", False)


def test_options_drop_the_home_link_and_the_current_mark():
    html = render('{% breadcrumbs home=False current=False %}{% crumb "办事" "/banshi/" %}{% endbreadcrumbs %}')

    assert links(html) == [("办事", "/banshi/", False)]


def test_crumbs_without_a_label_are_left_out():
    html = render('{% breadcrumbs %}{% crumb kind "/x/" %}{% crumb "景点" "/jingdian/" %}{% endbreadcrumbs %}', kind="")

    assert [label for label, _, _ in links(html)] == ["首页", "景点"]


def test_labels_are_escaped():
    html = render('{% breadcrumbs %}{% crumb title "/a/" %}{% endbreadcrumbs %}', title="<b>标题</b>")

    assert "&lt;b&gt;标题&lt;/b&gt;" in html


def test_a_page_trail_follows_its_ancestors(county):
    column = SectionPage.objects.child_of(county.town_a.home).first()
    request = RequestFactory().get(column.url)

    html = render("{% breadcrumbs page %}{% endbreadcrumbs %}", page=column, request=request)

    assert links(html) == [
        ("首页", "/", False),
        (county.town_a.home.title, county.town_a.home.url, False),
        (column.title, column.url, True),
    ]


def test_a_crumb_outside_the_trail_is_an_error():
    with pytest.raises(TemplateSyntaxError):
        render('{% crumb "办事" "/banshi/" %}')


def test_child_templates_add_crumbs_through_a_block(client, county):
    html = client.get(reverse("listings:jobs_list")).content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)

    assert [(label, current) for label, _, current in links(nav)] == [
        ("首页", False),
        ("生活服务", False),
        ("招聘", True),
    ]
