"""The demo's 征求意见: one open with published comments, one closed with its 采纳情况 and final document."""

import pytest

from townsquare.consultations.models import ConsultationPage
from townsquare.demo.content.consultations import CLOSED, OPEN

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_open_consultation_shows_published_comments_and_takes_new_ones(client):
    page = ConsultationPage.objects.get(slug=OPEN["slug"])
    body = client.get(page.url).content.decode()
    assert page.is_open() and OPEN["comments"][0][2] in body and "对整篇草案提意见" in body


def test_the_closed_consultation_shows_its_adoption_report_and_links_the_final_policy(client):
    page = ConsultationPage.objects.get(slug=CLOSED["slug"])
    body = client.get(page.url).content.decode()
    assert "采纳情况" in body and page.final_document.url in body
    assert page.url in client.get(page.final_document.url).content.decode()


def test_the_county_list_has_both(client):
    body = client.get("/zhengqiu/").content.decode()
    assert OPEN["title"] in body and CLOSED["title"] in body
