"""The guide editor: drafts always save, submitting an incomplete guide needs a 缺项说明; unit permissions."""

import pytest
from django.urls import reverse

from tests.helpers import admin_edit_form, fresh, login
from townsquare.services.models import ServiceGuidePage

from .factories import ServiceGuideFactory, index_of

pytestmark = pytest.mark.django_db


def guide_form(client, page):
    """The edit form as a browser posts it (Wagtail's HTML reader gives ticked boxes without a value as "")."""
    url, data = admin_edit_form(client, page)
    for name in list(data):
        if (name == "for_person" or name.endswith("-required")) and data[name] == "":
            data[name] = "on"
    return url, data


@pytest.fixture
def draft(town_a):
    return ServiceGuideFactory(parent=index_of(town_a.home), publish=False, legal_days=None)


def test_editor_sees_what_is_missing(client, town_a, draft):
    login(client, town_a.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert response.status_code == 200
    assert "这份指南还缺 1 项" in response.content.decode()
    assert "法定时限" in response.content.decode()


def test_draft_saves_but_submit_is_refused_without_reason(client, town_a, draft):
    login(client, town_a.editor)
    url, data = guide_form(client, draft)
    data["title"] = "新生儿落户（改）"
    response = client.post(url, data)
    assert response.status_code == 302, "saving a draft with a missing element must work"
    assert fresh(draft).get_latest_revision().as_object().title == "新生儿落户（改）"

    url, data = guide_form(client, draft)
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["incomplete_reason"]
    assert "法定时限" in errors[0] and "缺项说明" in errors[0]
    assert not fresh(draft).workflow_in_progress


def test_submit_with_reason_starts_review(client, town_a, draft):
    login(client, town_a.editor)
    url, data = guide_form(client, draft)
    data["incomplete_reason"] = "本事项法律没有规定办结时限。"
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    assert fresh(draft).workflow_in_progress


def test_submit_refused_when_a_new_material_lacks_its_source(client, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False)
    login(client, town_a.editor)
    url, data = guide_form(client, guide)
    total = int(data["materials-TOTAL_FORMS"])
    data.update({
        "materials-TOTAL_FORMS": str(total + 1),
        f"materials-{total}-name": "结婚证", f"materials-{total}-originals": "1",
        f"materials-{total}-copies": "0", f"materials-{total}-source": "", f"materials-{total}-required": "on",
        f"materials-{total}-ORDER": str(total + 1), f"materials-{total}-id": "", f"materials-{total}-DELETE": "",
    })  # fmt: skip
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "申请材料的获取途径" in response.context["form"].errors["incomplete_reason"][0]


def test_material_with_zero_copies_is_a_field_error(client, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False)
    login(client, town_a.editor)
    url, data = guide_form(client, guide)
    data["materials-0-originals"] = "0"
    data["materials-0-copies"] = "0"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "原件和复印件不能都是 0 份" in response.content.decode()


def test_town_editor_cannot_edit_another_towns_guide(client, town_a, town_b):
    other = ServiceGuideFactory(parent=index_of(town_b.home))
    login(client, town_a.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    own = ServiceGuideFactory(parent=index_of(town_a.home))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200


def test_town_editor_cannot_publish_directly(client, town_a, draft):
    draft.incomplete_reason = "本事项法律没有规定办结时限。"
    draft.save_revision()
    login(client, town_a.editor)
    url, data = guide_form(client, draft)
    data["action-publish"] = "1"
    client.post(url, data)
    assert not fresh(draft).live


def test_every_unit_gets_a_guide_index(county):
    from townsquare.services.models import ServiceIndexPage

    for place in (county.county, county.town_a, county.town_b):
        assert ServiceIndexPage.objects.child_of(place.home).count() == 1
    assert ServiceGuidePage.objects.count() == 0


def test_completeness_report_shows_own_units_only(client, town_a, town_b, draft, django_assert_max_num_queries):
    ServiceGuideFactory(parent=index_of(town_b.home), title="石桥的指南", publish=False, window="")
    login(client, town_a.editor)
    url = reverse("services_completeness")
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert draft.title in body and "法定时限" in body and "缺项未说明" in body
    assert "石桥的指南" not in body


@pytest.mark.parametrize("ajax", [False, True], ids=["button", "dashboard-modal"])
def test_approving_an_incomplete_guide_in_the_admin_says_what_is_missing(client, county, town_a, ajax):
    from tests.helpers import review, submit_for_review

    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False, window="")
    submit_for_review(guide, town_a.editor)
    guide = review(review(guide, town_a.reviewer), town_a.head)
    task_state = guide.current_workflow_task_state
    login(client, county.media.reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "approve", task_state.pk])
    headers = {"x-requested-with": "XMLHttpRequest"} if ajax else {}
    response = client.post(url, {"comment": ""}, headers=headers)

    edit_url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    assert response.status_code == 200 if ajax else 302
    assert edit_url in (response.content.decode() if ajax else response.url)
    page = client.get(edit_url).content.decode()
    assert "没有通过" in page and "办理窗口" in page and "缺项说明" in page
    guide = fresh(guide)
    assert not guide.live and guide.current_workflow_task.name.startswith("终审")
