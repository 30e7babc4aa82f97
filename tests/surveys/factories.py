"""Surveys for tests: a 调查征集 column under a home and a published survey with questions."""

from datetime import timedelta

from django.utils import timezone

from townsquare.surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion
from townsquare.surveys.responding import submit

QUESTIONS = [
    {"kind": "single", "text": "您平时坐公交吗？", "options": "每天坐\n很少坐\n不坐"},
    {"kind": "multiple", "text": "最希望改进哪些？", "options": "班次更密\n末班车更晚\n站台加雨棚"},
    {"kind": "scale", "text": "您满意吗？"},
    {"kind": "single", "text": "不坐因为？", "options": "太远\n太慢", "show_if_number": 1, "show_if_answer": "不坐"},
    {"kind": "long", "text": "其他意见", "required": False},
]


def survey_index(home):
    index = SurveyIndexPage.objects.child_of(home).first()
    if index is None:
        index = SurveyIndexPage(title="调查征集", slug="diaocha")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_survey(home, *, questions=QUESTIONS, publish=True, **fields):
    now = timezone.now()
    defaults = {
        "title": "公交线路调整意见调查",
        "slug": f"survey-{SurveyPage.objects.count() + 1}",
        "intro": "听听您的意见。",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=10),
        "identity": SurveyPage.Identity.BROWSER,
    }
    survey = SurveyPage(**(defaults | fields))
    for spec in questions:
        survey.questions.add(SurveyQuestion(**({"required": True} | spec)))
    survey_index(home).add_child(instance=survey)
    revision = survey.save_revision()
    if publish:
        revision.publish()
    return SurveyPage.objects.get(pk=survey.pk)


def answers_data(survey, **by_number):
    """POST data answering question n with by_number[f"q{n}"] (a value or a list)."""
    questions = list(survey.questions.all())
    data = {}
    for name, value in by_number.items():
        data[f"q{questions[int(name[1:]) - 1].pk}"] = value
    return data


def add_response(survey, ident, rows):
    """rows: [(question number, choice, text)]."""
    questions = list(survey.questions.all())
    answers = [(questions[n - 1], choice, text) for n, choice, text in rows]
    return submit(survey, ident, answers, f"key-{ident}-{survey.pk}-0000000000000")
