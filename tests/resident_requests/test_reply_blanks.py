"""Reply templates mark what staff must fill in as 【请填写：…】; an answer with such a blank left is not published."""

import pytest
from django.urls import reverse

from townsquare.demo.content.requests import REPLY_TEMPLATES
from townsquare.resident_requests import handling
from townsquare.resident_requests.handling import HandlingError
from townsquare.resident_requests.models import ReplyTemplate, Status

pytestmark = pytest.mark.django_db

GENERIC = "您好！经办理，【请填写：办理结果】。如还有问题，欢迎再次留言。"


def detail(request):
    return reverse("resident_requests_detail", args=[request.pk])


@pytest.fixture
def roads_request(desk):
    request, _ = desk.file()
    return request


def test_publishing_an_answer_with_an_unfilled_blank_is_refused_naming_it(roads_request, town_a):
    with pytest.raises(HandlingError, match="【请填写：办理结果】"):
        handling.answer(roads_request, GENERIC, town_a.editor)


def test_the_refused_answer_stays_unpublished(town_a, roads_request, client):
    client.force_login(town_a.editor)
    client.post(detail(roads_request), {"action": "answer", "answer-reply": GENERIC})
    roads_request.refresh_from_db()
    assert (roads_request.status, roads_request.reply) == (Status.SUBMITTED, "")


def test_the_refusal_message_names_the_blank_in_the_editor(town_a, roads_request, client):
    client.force_login(town_a.editor)
    response = client.post(detail(roads_request), {"action": "answer", "answer-reply": GENERIC})
    assert "答复里还有没填写的地方：【请填写：办理结果】" in response.content.decode()


def test_a_filled_in_template_is_published(roads_request, town_a):
    handling.answer(roads_request, GENERIC.replace("【请填写：办理结果】", "路灯已于12月5日修复"), town_a.editor)
    assert roads_request.status == Status.ANSWERED


def test_the_editor_highlights_the_blanks_of_an_inserted_template(town_a, roads_request, client):
    template = ReplyTemplate.objects.create(unit=None, title="已办结", body=GENERIC)
    client.force_login(town_a.editor)
    response = client.post(
        detail(roads_request),
        {"action": "answer", "answer-template": template.pk, "answer-reply": "", "insert_template": "1"},
    )
    assert "<mark>【请填写：办理结果】</mark>" in response.content.decode()


def test_the_demo_templates_mark_their_blanks_and_keep_no_dots():
    assert [title for _, title, body in REPLY_TEMPLATES if "……" in body] == []
