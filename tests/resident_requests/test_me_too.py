"""我也遇到了: counted once per press, shown on the public page and in lists, no personal data, limited."""

import pytest

from townsquare.core.forms import new_submission_key
from townsquare.resident_requests import handling, metoo
from townsquare.resident_requests.models import MeToo, ResidentRequest

pytestmark = pytest.mark.django_db


def accepted(desk, **fields):
    request, _ = desk.file(**fields)
    handling.accept(request, desk.county.town_a.editor)
    return request


def url(request):
    return f"/liuyan/public/{request.tracking_number}/metoo/"


def press(client, request, key=None, **data):
    return client.post(url(request), {"submission_key": key or new_submission_key(), "details": "", **data})


def count(request):
    return ResidentRequest.objects.get(pk=request.pk).me_too_count


def test_pressing_counts_one_more_resident(client, desk):
    request = accepted(desk)
    press(client, request)
    assert count(request) == 1


def test_pressing_keeps_the_optional_details_for_staff(client, desk):
    request = accepted(desk)
    press(client, request, details="我家门口那盏也不亮")
    assert MeToo.objects.get(request=request).details == "我家门口那盏也不亮"


def test_the_same_form_sent_twice_counts_once(client, desk):
    request = accepted(desk)
    key = new_submission_key()
    press(client, request, key=key)
    press(client, request, key=key)
    assert count(request) == 1


def test_a_robot_is_not_counted(client, desk):
    request = accepted(desk)
    press(client, request, homepage="http://spam.example")
    assert count(request) == 0


def test_presses_are_limited_per_address(client, desk, settings):
    settings.REQUEST_ME_TOO_PER_IP_HOUR = 2
    request = accepted(desk)
    for _ in range(2):
        press(client, request)
    assert press(client, request).status_code == 429


def test_after_pressing_the_resident_sees_thanks(client, desk):
    request = accepted(desk)
    response = press(client, request, details="也遇到了")
    assert "已记下" in client.get(response["Location"]).content.decode()


def test_a_request_not_yet_public_cannot_be_joined(client, desk):
    fresh, _ = desk.file()
    assert press(client, fresh).status_code == 404


def test_a_private_request_cannot_be_joined(client, desk):
    private = accepted(desk, is_public=False)
    assert press(client, private).status_code == 404


def test_a_merged_request_passes_the_resident_on_to_its_main_case(desk):
    main = accepted(desk, title="东街口路灯不亮")
    duplicate = accepted(desk, title="东街路灯坏了")
    handling.merge(duplicate, main, desk.county.town_a.editor)
    duplicate.refresh_from_db()
    assert metoo.target(duplicate) == main


def test_the_public_page_shows_the_count(client, desk):
    request = accepted(desk)
    ResidentRequest.objects.filter(pk=request.pk).update(me_too_count=7)
    page = client.get(f"/liuyan/public/{request.tracking_number}/").content.decode()
    assert '共 <span class="num">8</span> 人反映' in page


def test_the_public_list_shows_the_count(client, desk):
    request = accepted(desk)
    ResidentRequest.objects.filter(pk=request.pk).update(me_too_count=4)
    assert "5 人反映" in client.get("/liuyan/public/").content.decode()


def test_the_public_page_offers_me_too(client, desk):
    request = accepted(desk)
    assert url(request) in client.get(f"/liuyan/public/{request.tracking_number}/").content.decode()


def test_the_public_page_stays_cacheable(client, desk):
    """The button is a link to the form's own page: the request's page carries no CSRF cookie."""
    request = accepted(desk)
    assert not client.get(f"/liuyan/public/{request.tracking_number}/").cookies


def test_staff_see_each_me_too_with_its_details(admin_client, desk):
    request = accepted(desk)
    metoo.add(request, new_submission_key(), "我家门口那盏也不亮")
    page = admin_client.get(f"/admin/liuyan/{request.pk}/").content.decode()
    assert "我家门口那盏也不亮" in page


def test_anonymising_the_request_masks_numbers_in_the_details(client, desk):
    from townsquare.resident_requests.personal_data import anonymise

    request = accepted(desk)
    press(client, request, details="我家也是，电话13912345678")
    anonymise(ResidentRequest.objects.get(pk=request.pk))
    assert "13912345678" not in MeToo.objects.get(request=request).details
