"""The demo county's 我要留言: a catalogue for every unit, requests in every state, the Open311 key.

The demo is loaded once for this module (as in test_load_demo.py) inside a transaction that is
rolled back afterwards; each test runs in a savepoint inside it.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from townsquare.demo.content.requests import OPEN311_KEY
from townsquare.demo.requests import KEY_PREFIX, build_plan
from townsquare.resident_requests.deadlines import is_due_soon, is_overdue
from townsquare.resident_requests.models import (
    ApiKey,
    Category,
    DeadlinePolicy,
    ExtensionRequest,
    ReplyTemplate,
    RequestEvent,
    RequestType,
    ResidentRequest,
    Status,
)
from townsquare.units.models import Unit

MOBILE = re.compile(r"1[3-9]\d{9}")
ID_NUMBER = re.compile(r"\d{17}[\dX]")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@example\.com")


pytestmark = pytest.mark.usefixtures("demo", "db")


def demo_requests():
    return ResidentRequest.objects.filter(submission_key__startswith=KEY_PREFIX)


def test_every_unit_is_responsible_for_a_category_with_a_routing_class():
    assert not Unit.objects.filter(request_categories__isnull=True).exists()
    labels = {value for value, _ in Category.ROUTING_LABELS}
    for category in Category.objects.all():
        assert category.routing_label in labels, category.code
        assert category.keywords and category.description, category.code
    assert 20 <= Category.objects.count() <= 40


def test_every_type_has_a_deadline_policy_and_there_are_reply_templates():
    assert set(DeadlinePolicy.objects.values_list("request_type", flat=True)) == set(RequestType.values)
    assert ReplyTemplate.objects.filter(unit__isnull=True).exists()
    assert ReplyTemplate.objects.filter(unit__isnull=False).exists()


@pytest.mark.parametrize("status", Status.values)
def test_at_least_thirty_requests_in_every_state(status):
    assert demo_requests().filter(status=status).count() >= 30


def test_answered_requests_are_rated_in_all_three_ways_and_some_were_reopened():
    answered = demo_requests().filter(status=Status.ANSWERED)
    assert answered.exclude(reply="").count() == answered.count()
    assert {"satisfied", "basically", "unsatisfied"} <= set(answered.values_list("rating", flat=True))
    # 不满意 once: answered again, or still being handled again
    assert answered.filter(reopened_count=1).exists()
    assert demo_requests().filter(status=Status.ACCEPTED, reopened_count=1).exists()


def test_the_timelines_tell_every_kind_of_handling_with_real_dates():
    events = RequestEvent.objects.filter(request__in=demo_requests())
    actions = set(events.values_list("action", flat=True))
    for action in ("transferred", "asked_info", "info_added", "extension_requested", "extension_approved", "merged"):
        assert action in actions, action
    assert not events.filter(at__gt=timezone.now()).exists()
    # events are dated in the order they happened, not at the moment the demo was loaded
    for request in demo_requests().prefetch_related("events"):
        times = [event.at for event in request.events.all()]
        assert times == sorted(times), request.submission_key
        assert times[0] == request.received_at
    assert ExtensionRequest.objects.filter(decision=ExtensionRequest.Decision.PENDING).exists()


def test_requests_spread_over_half_a_year_with_late_overdue_and_due_soon_ones():
    now = timezone.now()
    requests = list(demo_requests())
    months = {timezone.localtime(request.received_at).strftime("%Y-%m") for request in requests}
    assert len(months) >= 6
    assert any(r.status == Status.ANSWERED and r.answered_at > r.answer_due for r in requests)
    assert any(is_overdue(r, now) for r in requests)
    assert any(is_due_soon(r, now) for r in requests)


def test_duplicates_point_to_their_case_and_declined_ones_say_why():
    for merged in demo_requests().filter(status=Status.MERGED).select_related("merged_into"):
        assert merged.merged_into is not None and merged.merged_into.status != Status.MERGED
    assert not demo_requests().filter(status=Status.DECLINED, decline_reason="").exists()


def test_the_public_list_never_shows_a_phone_id_number_or_email(client):
    personal = demo_requests().filter(is_public=True, status__in=[Status.ACCEPTED, Status.ANSWERED, Status.WAITING])
    typed = [r for r in personal if MOBILE.search(r.details) or ID_NUMBER.search(r.details) or EMAIL.search(r.details)]
    assert typed, "no public demo request has personal data typed in its details"
    secrets = {r.contact_phone for r in demo_requests()} | {r.contact_email for r in demo_requests()} - {""}
    for r in typed:
        secrets.update(MOBILE.findall(r.details) + ID_NUMBER.findall(r.details) + EMAIL.findall(r.details))

    pages, page = [], 1
    while True:
        response = client.get("/liuyan/public/", {"page": page})
        assert response.status_code == 200
        pages.append(response.content.decode())
        if f"page={page + 1}" not in pages[-1]:
            break
        page += 1
    for r in typed[:5]:
        pages.append(client.get(f"/liuyan/public/{r.tracking_number}/").content.decode())

    shown = "\n".join(pages)
    assert len(pages) > 5
    assert typed[0].tracking_number in shown
    leaked = sorted(secret for secret in secrets if secret and secret in shown)
    assert not leaked, leaked


def test_the_demo_key_files_a_request_through_open311(client):
    category = Category.objects.get(code="qinghe-sheshi")
    data = {
        "api_key": OPEN311_KEY,
        "service_code": category.code,
        "address_string": "青禾镇禾丰路口",
        "first_name": "小禾",
        "last_name": "李",
        "phone": "13800009999",
        "description": "禾丰路口的路灯坏了三天，晚上很黑，请尽快修一下。",
        "attribute[request_type]": "help",
        "attribute[title]": "禾丰路口路灯不亮",
    }

    response = client.post("/open311/v2/requests.json", data)

    assert response.status_code == 200, response.content.decode()
    created = ResidentRequest.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert created.channel == "open311" and created.unit == category.unit
    assert ApiKey.objects.get(key=OPEN311_KEY).last_used_at is not None
    refused = client.post("/open311/v2/requests.json", {**data, "api_key": "not-the-demo-key"})
    assert refused.status_code == 403


MODELS = [ResidentRequest, RequestEvent, ExtensionRequest, Category, DeadlinePolicy, ReplyTemplate, ApiKey]


def test_running_it_again_creates_no_request_event_or_setting():
    before = {model.__name__: model.objects.count() for model in MODELS}

    call_command("load_demo", "--repair", verbosity=0)

    assert {model.__name__: model.objects.count() for model in MODELS} == before


def test_a_missing_request_is_made_again_and_nothing_else():
    plan = build_plan()
    gone = demo_requests().get(submission_key=plan[0].key)
    gone.delete()
    before = demo_requests().count()

    call_command("load_demo", "--repair", verbosity=0)

    assert demo_requests().count() == before + 1
    again = demo_requests().get(submission_key=plan[0].key)
    assert again.status == plan[0].status and again.title == plan[0].title


def test_the_plan_is_the_same_every_time_and_public_titles_differ():
    first, second = build_plan(), build_plan()
    assert [(c.key, c.title, c.details) for c in first] == [(c.key, c.title, c.details) for c in second]
    titles = [c.title for c in first if c.status != Status.DECLINED]
    assert len(titles) == len(set(titles))
    assert all(len(c.title) <= 30 and 20 <= len(c.details) <= 400 for c in first)


def test_smart_routing_shows_one_confident_suggestion_and_an_unsure_top_two():
    from townsquare.demo.routing import KEY_PREFIX as ROUTING_PREFIX
    from townsquare.resident_requests.routing.adopt import shown_suggestions

    waiting = ResidentRequest.objects.filter(submission_key__startswith=ROUTING_PREFIX, status=Status.SUBMITTED)
    assert sorted({len(shown_suggestions(request)) for request in waiting}) == [1, 2]


def test_staff_adopted_and_overrode_suggestions_for_routing_to_learn_from():
    from townsquare.resident_requests.models import RoutingCorrection

    kinds = set(RoutingCorrection.objects.values_list("kind", flat=True))
    assert {RoutingCorrection.Kind.ADOPTED, RoutingCorrection.Kind.OVERRIDDEN} <= kinds
