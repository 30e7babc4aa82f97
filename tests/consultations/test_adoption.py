"""When it closes the unit answers each comment and publishes the 采纳情况; the final document and the
consultation link to each other."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.consultations import opinions
from townsquare.consultations.models import Comment, ConsultationPage

from ..factories import PolicyPageFactory, publish
from .factories import CommentFactory, ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(town_a):
    return ConsultationPageFactory(
        parent=index_of(town_a),
        opens_at=timezone.now() - datetime.timedelta(days=40),
        closes_at=timezone.now() - datetime.timedelta(days=2),
    )


def report(page, text="收到的意见大多采纳，养护资金比例改为8比2。"):
    page.adoption_report = text
    return publish(page)


def test_not_adopted_needs_a_reason():
    with pytest.raises(ValidationError):
        opinions.decide(Comment(), Comment.Decision.NOT_ADOPTED, "")


def test_the_published_adoption_report_shows_counts_and_each_answer(client, closed):
    shown = CommentFactory(consultation=closed, status=Comment.Status.PUBLISHED)
    private = CommentFactory(consultation=closed, wants_public=False, text="我家门口的路也要修，电话13900003333")
    opinions.decide(shown, Comment.Decision.ADOPTED)
    opinions.decide(private, Comment.Decision.NOT_ADOPTED, "不在本计划范围，已转镇里。", gist="修一段入户路")
    page = report(closed)

    body = client.get(page.url).content.decode()

    assert '共收到意见 <span class="num">2</span> 条' in body
    assert "修一段入户路" in body and "不在本计划范围" in body
    assert "13900003333" not in body


def test_first_publication_of_the_report_is_dated(closed):
    page = report(closed)
    assert ConsultationPage.objects.get(pk=page.pk).adoption_published_at is not None


def test_the_final_document_and_the_consultation_link_to_each_other(client, closed, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"), title="示范县农村公路建设计划")
    closed.final_document = policy
    page = report(closed)

    assert policy.url in client.get(page.url).content.decode()
    assert page.url in client.get(policy.url).content.decode()
