"""The demo county's 在线访谈: one coming up with published questions, one held with its transcript and photos."""

import pytest

from townsquare.demo.content.interviews import HELD, UPCOMING
from townsquare.interviews.models import InterviewPage, Stage

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_county_column_lists_both(client):
    html = client.get("/fangtan/").content.decode()
    assert UPCOMING["title"] in html and HELD["title"] in html


def test_one_interview_is_coming_up_with_published_questions():
    interview = InterviewPage.objects.get(slug=UPCOMING["slug"])
    assert (interview.stage(), interview.published_questions().count()) == (Stage.UPCOMING, 3)


def test_the_held_interview_shows_its_transcript_and_photos(client):
    html = client.get(InterviewPage.objects.get(slug=HELD["slug"]).url).content.decode()
    assert "文字实录" in html and "冬季校车出发前检查防滑链" in html


def test_the_held_interview_answered_its_questions():
    interview = InterviewPage.objects.get(slug=HELD["slug"])
    assert interview.questions.filter(answered_at__isnull=False).count() == len(HELD["questions"])
