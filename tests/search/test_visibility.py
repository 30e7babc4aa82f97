"""What must never be found: restricted and expired pages, private requests, residents' contact details;
what is found with a new address or as a live life listing."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import NewsPageFactory
from tests.listings import factories as listings
from townsquare.search.models import SearchDocument
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db


def test_page_behind_a_restriction_is_not_found(county, find):
    section = county.town_a.section("news")
    NewsPageFactory(parent=section, title="内部培训安排")
    assert find("内部培训") == ["内部培训安排"]
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert find("内部培训") == []
    PageViewRestriction.objects.filter(page=section).delete()
    assert find("内部培训") == ["内部培训安排"]


def test_page_past_its_expiry_is_not_found_even_before_the_scheduler_runs(county, find):
    page = NewsPageFactory(parent=county.county.section("news"), title="限时征求意见")
    SearchDocument.objects.filter(object_id=str(page.pk)).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert find("征求意见") == []


def test_moved_page_gets_its_new_address(county):
    page = NewsPageFactory(parent=county.town_a.section("news"), title="秋收农机调度")
    page.move(county.town_b.section("news"), pos="last-child")
    hit = search(Params(q="农机调度"), log=False).hits[0]
    assert hit.url.startswith(county.town_b.section("news").url)


def test_public_request_with_answer_is_found_masked(client, file_request):
    file_request(
        title="西街路灯不亮，电话13912345678",
        details="我是王小明，西街口路灯坏了，联系我 13912345678 或 wxm@example.com。",
        contact_name="王小明",
        answer="王小明您好，路灯已于周五修好。",
    )
    response = client.get("/api/search/", {"q": "西街路灯"})
    data = response.json()
    assert data["total"] == 1
    text = str(data)
    assert "13912345678" not in text and "wxm@example.com" not in text and "王小明" not in text
    assert "139****5678" in data["results"][0]["title"]
    assert data["results"][0]["type"] == "request"
    # Searching by the hidden contact details finds nothing.
    for secret in ("13912345678", "王小明", "wxm@example.com", "王小明 路灯"):
        assert client.get("/api/search/", {"q": secret}).json()["total"] == 0, secret
    assert "不按它搜索" in client.get("/search/", {"q": "13912345678"}).content.decode()
    assert "路灯已于周五修好" in str(SearchDocument.objects.get(kind="request").body)


def test_private_or_unaccepted_requests_are_never_found(file_request, find):
    file_request(title="南街井盖松动", accept=False)
    private = file_request(title="北街井盖松动", is_public=False)
    assert find("井盖") == []
    public = file_request(title="东街井盖松动")
    assert find("井盖") == ["东街井盖松动"]
    public.is_public = False
    public.save()
    assert find("井盖") == []
    assert not SearchDocument.objects.filter(object_id__in=[str(private.pk), str(public.pk)]).exists()


def test_live_listing_is_found_by_its_own_fields_without_its_contact(county, find):
    job = listings.job(
        title="超市收银员",
        employer="禾丰超市",
        place="青禾镇东街",
        contact_name="赵六",
        contact_phone="13700001234",
        unit=county.town_a.unit,
    )
    assert find("禾丰超市") == ["超市收银员"]
    doc = SearchDocument.objects.get(kind="listing")
    assert "13700001234" not in doc.body + doc.title and "赵六" not in doc.body + doc.title
    assert find("赵六") == [] and find("13700001234") == []
    job.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    job.save()
    assert find("禾丰超市") == []


def test_listing_past_its_expiry_leaves_results_before_anything_saves_it(county, find):
    job = listings.job(title="仓库管理员", employer="石桥物流", unit=county.town_b.unit)
    assert find("仓库管理员") == ["仓库管理员"]
    type(job).objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    SearchDocument.objects.filter(kind="listing").update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert find("仓库管理员") == []
