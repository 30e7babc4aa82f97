"""A unit's editor writes a survey in the page tree like any page."""

import pytest
from django.urls import reverse

from .factories import make_survey, survey_index

pytestmark = pytest.mark.django_db


def test_the_editor_opens_a_survey_for_editing(client, county):
    survey = make_survey(county.town_a.home)
    client.force_login(county.town_a.editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    assert "您平时坐公交吗？" in page and "只在第几题" in page


def test_a_survey_column_may_be_added_under_a_unit_home(client, county):
    client.force_login(county.town_a.editor)
    url = reverse("wagtailadmin_pages:add", args=["surveys", "surveyindexpage", county.town_a.home.pk])
    assert client.get(url).status_code == 200


def test_a_survey_takes_its_unit_from_its_place(county):
    assert make_survey(county.town_b.home).unit == county.town_b.unit


def test_the_closing_time_must_follow_the_opening(county):
    from django.core.exceptions import ValidationError

    survey = make_survey(county.town_a.home)
    survey.closes_at = survey.opens_at
    with pytest.raises(ValidationError):
        survey.full_clean()
    assert survey_index(county.town_a.home)
