"""A question shown only after an answer must name an earlier choice question and one of its options."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from townsquare.surveys.models import SurveyPage

from .factories import survey_index

pytestmark = pytest.mark.django_db

CHOICE = {"kind": "single", "text": "您平时坐公交吗？", "required": True, "options": "坐\n不坐"}


def question(**fields):
    blank = {"options": "", "scale_low": "", "scale_high": "", "show_if_number": "", "show_if_answer": ""}
    return {"kind": "short", "text": "哪条线路？", "required": True, **blank, **fields}


def edit_form(county, *questions):
    form_class = SurveyPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "公交线路调整意见调查",
            "slug": "gongjiao",
            "intro": "听听您的意见。",
            "opens_at": "2026-12-01 09:00",
            "closes_at": "2026-12-20 09:00",
            "identity": SurveyPage.Identity.BROWSER,
            "questions": inline_formset([{**q, "ORDER": n} for n, q in enumerate(questions, start=1)]),
        }
    )
    parent = survey_index(county.town_a.home)
    return form_class(data, instance=SurveyPage(), parent_page=parent, for_user=county.town_a.editor)


def errors(form):
    form.is_valid()
    return [e for child in form.formsets["questions"].forms for field in child.errors.values() for e in field]


def test_a_condition_on_an_earlier_choice_and_its_option_is_accepted(county):
    assert errors(edit_form(county, question(**CHOICE), question(show_if_number=1, show_if_answer="坐"))) == []


def test_a_condition_on_a_later_question_is_refused(county):
    later = question(show_if_number=3, show_if_answer="坐")
    found = errors(edit_form(county, question(**CHOICE), later, question(**CHOICE)))
    assert found == ["这是第2题，只能跟在它前面的题（第1到第1题）后面。"]


def test_an_option_the_question_does_not_have_is_refused(county):
    found = errors(edit_form(county, question(**CHOICE), question(show_if_number=1, show_if_answer="也许")))
    assert found == ["第1题没有“也许”这个选项，请照着它的选项填写。"]
