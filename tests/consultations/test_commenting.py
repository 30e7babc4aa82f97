"""Residents comment on the whole draft or on one paragraph; the same form sent twice makes one comment;
bad input comes back with Chinese errors and what was typed; after closing the form says it is closed."""

import datetime

import pytest
from django.utils import timezone

from townsquare.consultations.models import Comment

from .factories import ConsultationPageFactory, first_paragraph, index_of

pytestmark = pytest.mark.django_db

KEY = "k" * 32


@pytest.fixture
def consultation(town_a):
    return ConsultationPageFactory(parent=index_of(town_a))


def form_url(page):
    return page.url + "yijian/"


def post(client, page, **fields):
    data = {"submission_key": KEY, "text": "建议先修学校门口那段路。", "name": "李四", "phone": "139 0000 2222"}
    data.update(fields)
    return client.post(form_url(page), data)


def test_a_comment_on_a_paragraph_is_stored_with_its_anchor_and_waits_for_moderation(client, consultation):
    paragraph = first_paragraph(consultation)
    response = post(client, consultation, paragraph=paragraph["anchor"], wants_public="on")

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.paragraph_anchor, comment.paragraph_number, comment.status, comment.phone) == (
        paragraph["anchor"],
        1,
        Comment.Status.PENDING,
        "13900002222",
    )


def test_the_form_quotes_the_paragraph_it_comments_on(client, consultation):
    paragraph = first_paragraph(consultation)
    response = client.get(form_url(consultation) + f"?duan={paragraph['anchor']}")
    assert "您在对" in response.content.decode() and paragraph["text"] in response.content.decode()


def test_sending_the_same_form_twice_makes_one_comment(client, consultation):
    post(client, consultation)
    post(client, consultation)
    assert Comment.objects.count() == 1


def test_without_phone_or_email_the_form_comes_back_with_the_text_kept(client, consultation):
    response = post(client, consultation, phone="", text="我的意见是这样的：先修学校路。")
    body = response.content.decode()
    assert response.status_code == 400
    assert "请留一个电话或邮箱" in body and "我的意见是这样的：先修学校路。" in body
    assert not Comment.objects.exists()


def test_after_closing_the_form_says_it_is_closed_and_stores_nothing(client, town_a):
    closed = ConsultationPageFactory(
        parent=index_of(town_a),
        opens_at=timezone.now() - datetime.timedelta(days=40),
        closes_at=timezone.now() - datetime.timedelta(days=5),
    )
    response = post(client, closed)
    assert response.status_code == 410 and "不再收集意见" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_sent_after_closing_is_shown_back_to_copy(client, town_a):
    closed = ConsultationPageFactory(
        parent=index_of(town_a),
        opens_at=timezone.now() - datetime.timedelta(days=40),
        closes_at=timezone.now() - datetime.timedelta(days=5),
    )
    assert "建议先修学校门口那段路。</textarea>" in post(client, closed).content.decode()


def test_the_address_limit_refuses_more_comments_in_the_hour(client, consultation, settings):
    settings.CONSULTATION_COMMENTS_PER_IP_HOUR = 1
    post(client, consultation)
    response = post(client, consultation, submission_key="m" * 32)
    assert response.status_code == 429 and Comment.objects.count() == 1
