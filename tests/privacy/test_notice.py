"""The privacy notice (个人信息处理规则), and its link beside every form that takes personal data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
NOTICE = "/yinsi/"


def test_the_notice_says_how_long_data_is_kept_and_how_to_delete_it(client, county):
    page = client.get(NOTICE).content.decode()
    assert "最多再保存3年" in page and "删除我的联系方式" in page


def test_the_request_form_links_the_notice(client, desk):
    assert f'href="{NOTICE}"' in client.get("/liuyan/").content.decode()


@pytest.mark.parametrize("kind", ["jobs", "rentals", "offers"])
def test_the_listing_forms_link_the_notice(client, county, kind):
    assert f'href="{NOTICE}"' in client.get(reverse(f"listings:{kind}_submit")).content.decode()


def test_the_booking_form_links_the_notice(client, service):
    url = reverse("appointments:book", args=[service.pk]) + "?day=2026-12-02"
    assert f'href="{NOTICE}"' in client.get(url).content.decode()
