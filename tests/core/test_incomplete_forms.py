"""A tampered post that lacks a field the handler reads gets a Chinese 400, never a 500."""

import pytest

from tests.factories import NewsPageFactory, UserFactory
from tests.helpers import admin_edit_form

pytestmark = pytest.mark.django_db


def test_an_admin_edit_post_without_the_body_count_is_refused_in_chinese(client, county):
    page = NewsPageFactory(parent=county.county.section("news"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url, data = admin_edit_form(client, page)
    del data["body-count"]

    response = client.post(url, data)

    assert (response.status_code, "提交的内容不完整" in response.content.decode()) == (400, True)
