"""三审: a page goes live only after its unit's reviewer, its unit's head and the media centre approve."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from townsquare.publishing.models import NewsPage

from ..factories import NewsPageFactory
from ..helpers import admin_edit_form, available_actions, fresh, login, review, submit_for_review


@pytest.fixture
def draft(town_a):
    return NewsPageFactory(parent=town_a.section("news"), title="青禾镇举办农技培训", publish=False)


def test_the_workflow_is_named_after_the_unit_and_has_three_steps_for_its_groups(town_a, draft):
    workflow = draft.get_workflow()

    assert workflow.name == "青禾镇三审"
    assert [task.name for task in workflow.tasks] == ["初审", "复审", "终审"]
    groups = [set(task.specific.groups.values_list("name", flat=True)) for task in workflow.tasks]
    assert groups == [{"青禾镇·审核"}, {"青禾镇·负责人"}, {"县融媒体中心·终审"}]


def test_each_town_has_its_own_workflow(town_a, town_b):
    page_b = NewsPageFactory(parent=town_b.section("news"), publish=False)

    assert page_b.get_workflow().name == "石桥镇三审"


def test_a_page_goes_live_only_after_the_third_approval(county, town_a, draft):
    submit_for_review(draft, town_a.editor)
    page = fresh(draft)
    assert page.workflow_in_progress and not page.live

    page = review(page, town_a.reviewer)
    assert not page.live, "live after 初审"
    assert page.current_workflow_task.name == "复审"

    page = review(page, town_a.head)
    assert not page.live, "live after 复审"
    assert page.current_workflow_task.name == "终审"

    page = review(page, county.media.reviewer)
    assert page.live, "not live after 终审"
    assert not page.workflow_in_progress
    assert page.title == "青禾镇举办农技培训"
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED


def test_the_media_centre_head_may_also_give_the_final_approval(county, town_a, draft):
    submit_for_review(draft, town_a.editor)
    page = review(review(draft, town_a.reviewer), town_a.head)

    page = review(page, county.media.head)

    assert page.live


def test_steps_cannot_be_skipped(county, town_a, draft):
    submit_for_review(draft, town_a.editor)

    assert available_actions(fresh(draft), town_a.head) == []
    assert available_actions(fresh(draft), county.media.reviewer) == []
    assert available_actions(fresh(draft), town_a.editor) == []
    assert "approve" in available_actions(fresh(draft), town_a.reviewer)


def test_a_reviewer_of_another_town_cannot_approve(town_a, town_b, draft):
    submit_for_review(draft, town_a.editor)

    assert available_actions(fresh(draft), town_b.reviewer) == []
    page = review(review(draft, town_a.reviewer), town_a.head)
    assert available_actions(page, town_b.head) == []


def test_request_changes_stops_the_review_and_nothing_goes_live(county, town_a, draft):
    submit_for_review(draft, town_a.editor)
    page = review(draft, town_a.reviewer)

    page = review(page, town_a.head, "reject", comment="标题里的日期写错了")

    assert not page.live
    assert not page.workflow_in_progress
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED).get().comment == (
        "标题里的日期写错了"
    )
    assert available_actions(page, county.media.reviewer) == []


# --- Through the admin ------------------------------------------------------------


def test_an_editor_pressing_publish_in_the_admin_does_not_make_the_page_live(client, town_a, draft):
    login(client, town_a.editor)
    url, data = admin_edit_form(client, draft)
    data["title"] = "青禾镇举办农技培训（已改）"
    data["action-publish"] = "action-publish"

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == url
    page = fresh(draft)
    assert not page.live
    assert page.get_latest_revision_as_object().title == "青禾镇举办农技培训（已改）", "the edit was not even saved"
    assert not draft.permissions_for_user(town_a.editor).can_publish()


def test_the_whole_review_through_the_admin(client, county, town_a, draft):
    login(client, town_a.editor)
    url, data = admin_edit_form(client, draft)
    data["action-submit"] = "action-submit"
    client.post(url, data)
    page = fresh(draft)
    assert page.workflow_in_progress, "提交审核 did not start the workflow"

    for user in (town_a.reviewer, town_a.head, county.media.reviewer):
        assert not page.live
        task_state = page.current_workflow_task_state
        action_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        client.logout()
        response = login(client, user).post(action_url, {"comment": ""})
        assert response.status_code == 302, f"{user.username}: {response.status_code}"
        page = fresh(page)

    assert page.live


def test_another_towns_reviewer_is_refused_by_the_admin(client, town_a, town_b, draft):
    submit_for_review(draft, town_a.editor)
    task_state = fresh(draft).current_workflow_task_state
    action_url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])

    response = login(client, town_b.reviewer).post(action_url, {"comment": ""})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert not fresh(draft).live


def test_approved_page_is_visible_to_the_public(client, county, town_a, draft):
    assert client.get(draft.url).status_code == 404
    submit_for_review(draft, town_a.editor)
    page = review(review(review(draft, town_a.reviewer), town_a.head), county.media.reviewer)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "青禾镇举办农技培训" in response.content.decode()
    assert NewsPage.objects.live().filter(pk=page.pk).exists()
