"""The consultation page: the draft paragraph by paragraph, published comments beside their paragraph and
without contact data, a bounded number of queries."""

import pytest

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
