"""The consultation page: the draft paragraph by paragraph, published comments beside their paragraph and
without contact data, a bounded number of queries."""

import datetime

import pytest
import time_machine

from townsquare.consultations import opinions

from .factories import CommentFactory, ConsultationPageFactory, first_paragraph, index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(town_a):
    return ConsultationPageFactory(parent=index_of(town_a))


def test_a_published_comment_shows_beside_its_paragraph_without_name_or_contact(client, consultation, town_a):
    paragraph = first_paragraph(consultation)
    comment = CommentFactory(consultation=consultation, paragraph_anchor=paragraph["anchor"], paragraph_number=1)
    opinions.publish(comment, town_a.editor)

    body = client.get(consultation.url).content.decode()

    assert comment.text in body
    assert "王小明" not in body and "13900001111" not in body and "1111" not in body


def test_a_comment_waiting_for_moderation_is_not_shown(client, consultation):
    comment = CommentFactory(consultation=consultation)
    assert comment.text not in client.get(consultation.url).content.decode()


def test_each_paragraph_links_to_the_form_for_it_while_open(client, consultation):
    paragraph = first_paragraph(consultation)
    assert f"yijian/?duan={paragraph['anchor']}" in client.get(consultation.url).content.decode()


def test_the_page_is_served_in_a_bounded_number_of_queries(client, consultation, django_assert_max_num_queries):
    for n in range(5):
        comment = CommentFactory(consultation=consultation, submission_key=f"bounded-key-{n:020d}")
        comment.status = comment.Status.PUBLISHED
        comment.save()
    with django_assert_max_num_queries(25):
        assert client.get(consultation.url).status_code == 200


def test_the_county_list_shows_open_consultations_of_every_unit(client, consultation, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        body = client.get("/zhengqiu/?show=open").content.decode()
    assert consultation.title in body


def test_a_comment_published_after_the_page_was_cached_shows_at_once(client, consultation, town_a):
    comment = CommentFactory(consultation=consultation)
    client.get(consultation.url)  # now in the anonymous page cache

    opinions.publish(comment, town_a.editor)

    assert comment.text in client.get(consultation.url).content.decode()


def test_a_cached_open_page_says_closed_once_the_period_ends(client, consultation):
    assert "对整篇草案提意见" in client.get(consultation.url).content.decode()

    with time_machine.travel(consultation.closes_at + datetime.timedelta(minutes=1)):
        body = client.get(consultation.url).content.decode()

    assert "对整篇草案提意见" not in body and "不再收集意见" in body
