"""The public list's results are kept as a fragment, and change as soon as a request is taken up or answered."""

import pytest

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category

pytestmark = pytest.mark.django_db
LIST_URL = "/liuyan/public/"
BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_a_request_taken_up_after_a_visit_shows_at_once(client, desk):
    client.get(LIST_URL, **BUILT)
    request, _ = desk.file(title="村口的路灯坏了三盏")
    handling.accept(request, desk.county.town_a.editor)
    assert "村口的路灯坏了三盏" in client.get(LIST_URL, **BUILT).content.decode()


def test_a_filtered_list_is_kept_apart_from_the_whole_list(client, desk):
    request, _ = desk.file(title="学校门口缺少斑马线")
    handling.accept(request, desk.county.town_a.editor)
    client.get(LIST_URL, **BUILT)
    filtered = client.get(LIST_URL + "?q=不存在的词", **BUILT).content.decode()
    assert "学校门口缺少斑马线" not in filtered


def test_a_category_added_after_a_visit_is_offered_in_the_filter_at_once(client, desk):
    client.get(LIST_URL, **BUILT)
    Category.objects.create(code="water", name="供水排水", unit=desk.county.town_a.unit, routing_label="城乡建设")
    assert '<option value="water">供水排水</option>' in client.get(LIST_URL, **BUILT).content.decode()
