"""终审 is refused while findings are open; one click masks (a new revision), then approval publishes."""

from django.urls import reverse
from wagtail.models import TaskState

from townsquare.screening.models import Finding

from ..helpers import fresh, login, review
from .conftest import ID


def approve_final(page, user):
    page = fresh(page)
    task_state = page.current_workflow_task_state
    return task_state.task.specific.on_action(task_state, user, "approve", comment="")


def review_url(page):
    return reverse("screening_page", args=[page.pk])


def test_the_final_approval_is_refused_while_an_id_number_is_open(county, listed_draft):
    review(listed_draft, county.media.reviewer)

    assert not fresh(listed_draft).live


def test_the_refused_approval_leads_to_the_review_page(county, listed_draft):
    assert approve_final(listed_draft, county.media.reviewer) == review_url(listed_draft)


def test_the_finding_says_what_and_where(county, listed_draft):
    approve_final(listed_draft, county.media.reviewer)

    finding = Finding.objects.get(page=listed_draft)
    assert (finding.kind, finding.masked, finding.where) == ("id_number", "110***********1233", "正文 第1块 · 正文")


def test_the_review_page_says_in_chinese_why_approval_is_refused(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)

    page = client.get(review_url(listed_draft)).content.decode()

    assert "暂不能通过终审发布" in page and "110***********1233" in page and ID not in page


def test_the_modal_approval_redirects_to_the_review_page(county, listed_draft, client):
    task_state = fresh(listed_draft).current_workflow_task_state
    login(client, county.media.reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[listed_draft.pk, "approve", task_state.pk])

    response = client.post(url, {"comment": ""})

    assert response.url == review_url(listed_draft)


def test_one_click_masking_saves_a_revision_with_the_masked_number(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    finding = Finding.objects.get(page=listed_draft)
    login(client, county.media.reviewer)

    client.post(review_url(listed_draft), {"finding": finding.pk, "action": "mask"})

    body = fresh(listed_draft).get_latest_revision_as_object().body.raw_data[0]["value"]
    assert "110***********1233" in body and ID not in body


def test_after_masking_the_approval_publishes_the_masked_page(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)
    client.post(review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "mask"})

    page = review(listed_draft, county.media.reviewer)

    assert page.live and ID not in str(page.body.raw_data)


def test_masking_records_who_masked(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)
    client.post(review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "mask"})

    finding = Finding.objects.get()
    assert (finding.status, finding.decided_by) == (Finding.Status.MASKED, county.media.reviewer)


def test_a_confirmed_false_alarm_records_who_when_and_why(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)

    client.post(
        review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "dismiss", "reason": "测试号码"}
    )

    finding = Finding.objects.get()
    assert (finding.status, finding.reason, finding.decided_by) == ("dismissed", "测试号码", county.media.reviewer)


def test_a_false_alarm_without_a_reason_is_refused_and_keeps_what_was_typed(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)

    response = client.post(
        review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "dismiss", "reason": " "}
    )

    assert "请写明为什么" in response.content.decode() and Finding.objects.get().status == "open"


def test_a_confirmed_false_alarm_is_not_asked_again_and_approval_publishes(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.media.reviewer)
    client.post(
        review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "dismiss", "reason": "测试号码"}
    )

    page = review(listed_draft, county.media.reviewer)

    assert page.live


def test_a_reviewer_of_another_town_cannot_open_the_review_page(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.town_b.reviewer)

    response = client.get(review_url(listed_draft))

    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's answer to PermissionDenied


def test_a_clean_page_is_approved_at_once(county):
    from ..factories import NewsPageFactory
    from .conftest import at_final_step

    page = at_final_step(NewsPageFactory(parent=county.town_a.section("news"), publish=False), county.town_a)

    assert review(page, county.media.reviewer).live
    assert TaskState.objects.filter(status="approved").count() == 3


def test_approving_in_the_editor_leads_to_the_review_page_with_a_message(county, client):
    from ..factories import PublicityPageFactory
    from ..helpers import admin_edit_form
    from .conftest import at_final_step

    draft = PublicityPageFactory(parent=county.town_a.section("publicity"), summary=f"王建华 {ID}", publish=False)
    draft = at_final_step(draft, county.town_a)
    login(client, county.media.reviewer)
    url, data = admin_edit_form(client, draft)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})

    response = client.post(url, data, follow=True)

    assert response.redirect_chain[-1][0] == review_url(draft) and "终审未通过" in response.content.decode()


def test_an_editor_cannot_dismiss_a_finding(county, listed_draft, client):
    approve_final(listed_draft, county.media.reviewer)
    login(client, county.town_a.editor)

    client.post(review_url(listed_draft), {"finding": Finding.objects.get().pk, "action": "dismiss", "reason": "不是"})

    assert Finding.objects.get().status == "open"
