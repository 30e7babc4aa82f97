"""Staff decisions on routing suggestions become training data (RoutingCorrection), and retraining uses them."""

import numpy as np
import pytest

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RoutingCorrection
from townsquare.resident_requests.routing import corrections, data, training
from townsquare.resident_requests.routing.adopt import adopt_suggestion
from townsquare.resident_requests.routing.text import normalize_text

pytestmark = pytest.mark.django_db

Kind = RoutingCorrection.Kind


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.ROUTING_SUGGEST_MIN_CONFIDENCE = 0.9


def suggested(desk, first, score, category=None):
    request, _ = desk.file(category=category)
    request.suggested_category, request.suggestion_score = first, score
    request.save()
    return request


def test_adopting_a_suggestion_records_it_as_adopted(desk, county):
    request = suggested(desk, desk.schools, 0.95)
    adopt_suggestion(request, county.county.editor, by_county=True)
    assert (request.routing_correction.kind, request.routing_correction.label) == (Kind.ADOPTED, "教育文体")


def test_moving_to_another_class_than_suggested_records_an_override(desk, county):
    request = suggested(desk, desk.schools, 0.95, category=desk.schools)
    handling.transfer(request, county.town_a.unit, "分错了", county.county.editor, category=desk.roads, by_county=True)
    assert (request.routing_correction.kind, request.routing_correction.label) == (Kind.OVERRIDDEN, "城乡建设")


def test_accepting_confirms_the_category_even_without_a_model(desk, county):
    request, _ = desk.file()
    handling.accept(request, county.town_a.editor)
    assert (request.routing_correction.kind, request.routing_correction.label) == (Kind.UNSUGGESTED, "城乡建设")


def test_the_latest_decision_is_the_one_kept(desk, county):
    request = suggested(desk, desk.schools, 0.95)
    adopt_suggestion(request, county.county.editor, by_county=True)
    handling.transfer(
        request, county.town_a.unit, "还是道路", county.county.editor, category=desk.roads, by_county=True
    )
    assert list(RoutingCorrection.objects.values_list("label", flat=True)) == ["城乡建设"]


def test_a_category_without_a_routing_class_teaches_nothing(desk, county):
    other = Category.objects.create(code="other", name="其他", unit=county.town_a.unit)
    request, _ = desk.file(category=other)
    handling.accept(request, county.town_a.editor)
    assert not RoutingCorrection.objects.exists()


def test_corrections_are_read_as_texts_and_labels(desk, county):
    request, _ = desk.file(title="学校乱收费", details="学校乱收费，请教育局查一查。")
    handling.transfer(
        request, county.town_b.unit, "分错了", county.county.editor, category=desk.schools, by_county=True
    )
    assert corrections.examples() == ([normalize_text("学校乱收费，请教育局查一查。")], [data.LABELS.index("教育文体")])


def test_a_staff_decision_wins_over_the_same_message_in_the_data_set():
    dataset = training.Dataset(["东街口路灯坏了一个星期，晚上很黑", "孩子入学难，学校乱收费"], np.array([2, 3]))
    merged = corrections.with_corrections(dataset, ["东街口路灯坏了一个星期，晚上很黑，请修"], [0])
    assert list(zip(merged.texts, merged.labels.tolist(), strict=True)) == [
        ("孩子入学难，学校乱收费", 3),
        ("东街口路灯坏了一个星期，晚上很黑，请修", 0),
    ]
