"""我要留言设置 in the admin: who manages categories, deadlines, keys and reply templates."""

import pytest
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from townsquare.resident_requests.models import ApiKey, Category, DeadlinePolicy, ReplyTemplate, RequestType

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"wagtailsnippets_resident_requests_{model}:{view}", args=args)


def refused(response):
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("model", ["category", "deadlinepolicy", "apikey"])
def test_only_the_county_manages_catalogue_deadlines_and_keys(client, county, model):
    client.force_login(county.town_a.head)
    assert refused(client.get(url(model, "list")))
    assert refused(client.get(url(model, "add")))
    client.force_login(county.county.editor)
    assert client.get(url(model, "list")).status_code == 200
    assert client.get(url(model, "add")).status_code == 200


def test_the_county_adds_a_category_for_a_unit(client, county):
    client.force_login(county.county.head)
    response = client.post(
        url("category", "add"),
        {
            "name": "垃圾清运",
            "code": "rubbish",
            "description": "",
            "unit": county.town_b.unit.pk,
            "routing_label": "环境保护",
            "keywords": "垃圾",
            "active": "on",
            "sort_order": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Category.objects.get(code="rubbish").unit == county.town_b.unit


def test_deadline_list_shows_the_defaults_in_use(client, county):
    client.force_login(county.county.head)
    html = client.get(url("deadlinepolicy", "list")).content.decode()
    assert "现行时限" in html and html.count("默认") >= 5
    DeadlinePolicy.objects.create(request_type=RequestType.CONSULT, accept_within=1, answer_within=3)
    html = client.get(url("deadlinepolicy", "list")).content.decode()
    assert "县里设置" in html and "<td>咨询</td><td>1</td><td>3</td>" in html


def test_a_new_api_key_is_shown_once(client, county):
    client.force_login(county.county.head)
    response = client.post(url("apikey", "add"), {"name": "掌上示范县", "active": "on"}, follow=True)
    key = ApiKey.objects.get(name="掌上示范县").key
    assert key in response.content.decode()
    listing = client.get(url("apikey", "list")).content.decode()
    assert key not in listing and "已隐藏" in listing


def test_a_key_is_deactivated_in_the_admin(client, county):
    api_key = ApiKey.objects.create(name="旧应用")
    client.force_login(county.county.head)
    client.post(url("apikey", "edit", api_key.pk), {"name": "旧应用"})
    api_key.refresh_from_db()
    assert not api_key.active


def test_units_manage_their_own_reply_templates(client, county):
    town_a, town_b = county.town_a, county.town_b
    ours = ReplyTemplate.objects.create(unit=town_a.unit, title="青禾镇模板", body="……")
    theirs = ReplyTemplate.objects.create(unit=town_b.unit, title="石桥镇模板", body="……")
    shared = ReplyTemplate.objects.create(unit=None, title="全县模板", body="……")
    client.force_login(town_a.editor)

    listing = client.get(url("replytemplate", "list")).content.decode()
    assert "青禾镇模板" in listing and "石桥镇模板" not in listing and "全县模板" not in listing
    assert client.get(url("replytemplate", "edit", ours.pk)).status_code == 200
    assert refused(client.get(url("replytemplate", "edit", theirs.pk)))
    assert refused(client.get(url("replytemplate", "edit", shared.pk)))
    assert refused(client.post(url("replytemplate", "delete", theirs.pk)))
    assert ReplyTemplate.objects.filter(pk=theirs.pk).exists()

    response = client.post(url("replytemplate", "add"), {"title": "想写给石桥镇", "unit": town_b.unit.pk, "body": "x"})
    assert response.status_code == 200 and not ReplyTemplate.objects.filter(title="想写给石桥镇").exists()
    response = client.post(url("replytemplate", "add"), {"title": "路灯维修", "unit": town_a.unit.pk, "body": "已修好"})
    assert response.status_code == 302
    assert ReplyTemplate.objects.get(title="路灯维修").unit == town_a.unit


def test_the_county_writes_county_wide_templates(client, county):
    client.force_login(county.county.editor)
    response = client.post(url("replytemplate", "add"), {"title": "感谢", "unit": "", "body": "感谢您的留言。"})
    assert response.status_code == 302
    assert ReplyTemplate.objects.get(title="感谢").unit is None


def menu(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return {item.label: item for item in admin_menu.menu_items_for_request(request)}, request


def test_the_settings_menu_group(rf, county):
    items, request = menu(rf, county.county.head)
    assert "我要留言" in items and "接诉即办统计" in items
    group = items["我要留言设置"]
    labels = [i.label for i in group.menu.menu_items_for_request(request)]
    assert labels == ["留言分类", "办理时限", "答复模板", "接口密钥"]
    items, request = menu(rf, county.town_a.editor)
    assert [i.label for i in items["我要留言设置"].menu.menu_items_for_request(request)] == ["答复模板"]


def test_a_key_is_revoked_in_the_admin(client, county):
    api_key = ApiKey.objects.create(name="泄露的应用")
    client.force_login(county.county.head)
    assert "撤销" in client.get(url("apikey", "revoke", api_key.pk)).content.decode()
    client.post(url("apikey", "revoke", api_key.pk))
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and not api_key.active


def test_a_rotated_key_is_replaced_and_the_new_one_shown_once(client, county):
    old = ApiKey.objects.create(name="掌上示范县")
    client.force_login(county.county.head)
    response = client.post(url("apikey", "rotate", old.pk))
    new = ApiKey.objects.get(name="掌上示范县", revoked_at__isnull=True)
    old.refresh_from_db()
    assert new.key in response.content.decode() and old.revoked_at is not None
    assert new.key not in client.get(url("apikey", "list")).content.decode()


def test_only_the_county_revokes_keys(client, county):
    api_key = ApiKey.objects.create(name="应用")
    client.force_login(county.town_a.head)
    client.post(url("apikey", "revoke", api_key.pk))
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_the_key_list_links_to_revoke(client, county):
    api_key = ApiKey.objects.create(name="应用")
    client.force_login(county.county.head)
    assert url("apikey", "revoke", api_key.pk) in client.get(url("apikey", "list")).content.decode()
