"""Results: public once the unit publishes them (bars and the same numbers in a table, no free text); staff of the
survey's unit see the free text and export CSV."""

import pytest
from django.urls import reverse

from townsquare.surveys.results import tally

from .factories import add_response, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(county):
    survey = make_survey(county.town_a.home, results_published=True)
    add_response(
        survey,
        "a",
        [(1, "每天坐", ""), (2, "班次更密", ""), (2, "站台加雨棚", ""), (3, "4", ""), (5, "", "末班车太早")],
    )
    add_response(survey, "b", [(1, "不坐", ""), (2, "班次更密", ""), (3, "2", ""), (4, "太远", "")])
    return survey


def test_choices_are_counted_per_option(survey):
    _total, results = tally(survey)
    assert [(o.label, o.count, o.percent) for o in results[1].options] == [
        ("班次更密", 2, 100),
        ("末班车更晚", 0, 0),
        ("站台加雨棚", 1, 50),
    ]


def test_a_scale_has_its_average(survey):
    assert tally(survey)[1][2].average == 3.0


def test_the_results_page_shows_the_numbers_in_a_table(client, survey):
    page = client.get(survey.url + "jieguo/").content.decode()
    assert '<th scope="row">班次更密</th><td class="num">2</td><td class="num">100%</td>' in page


def test_the_results_page_shows_no_free_text(client, survey):
    assert "末班车太早" not in client.get(survey.url + "jieguo/").content.decode()


def test_the_results_page_takes_a_bounded_number_of_queries(client, survey, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert client.get(survey.url + "jieguo/").status_code == 200


def test_unpublished_results_are_not_found(client, county):
    survey = make_survey(county.town_a.home)
    assert client.get(survey.url + "jieguo/").status_code == 404


def test_the_unit_staff_see_the_free_text(client, county, survey):
    client.force_login(county.town_a.editor)
    page = client.get(reverse("surveys_results", args=[survey.pk])).content.decode()
    assert "末班车太早" in page


def test_another_units_staff_may_not_see_the_results(client, county, survey):
    client.force_login(county.town_b.editor)
    response = client.get(reverse("surveys_results", args=[survey.pk]))
    assert response.status_code in (302, 403) and "末班车太早" not in response.content.decode()


def test_the_csv_has_a_row_per_response(client, county, survey):
    client.force_login(county.town_a.editor)
    body = client.get(reverse("surveys_csv", args=[survey.pk])).content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 3 and "班次更密；站台加雨棚" in body


def test_the_staff_list_shows_only_the_units_surveys(client, county, survey):
    make_survey(county.town_b.home, title="石桥另一个调查")
    client.force_login(county.town_a.editor)
    page = client.get(reverse("surveys_index")).content.decode()
    assert survey.title in page and "石桥另一个调查" not in page


def test_a_new_response_changes_the_cached_results_page(client, survey):
    client.get(survey.url + "jieguo/")
    add_response(survey, "c", [(1, "很少坐", "")])
    assert '共收到 <strong class="num">3</strong> 份答卷' in client.get(survey.url + "jieguo/").content.decode()
