"""The demo county's 办事指南: enough guides, over every life event and many units, with the flags shown."""

import pytest
from django.core.management import call_command

from townsquare.demo.content.services import GUIDES, LIFE_EVENTS
from townsquare.demo.services import services_demo_is_complete
from townsquare.services.models import LifeEvent, ServiceGuidePage

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_at_least_25_live_guides_over_all_life_events_and_many_units():
    live = ServiceGuidePage.objects.live()
    assert live.count() >= 25
    assert services_demo_is_complete()
    events = LifeEvent.objects.all()
    assert events.count() == len(LIFE_EVENTS) >= 9
    for event in events:
        assert live.filter(life_events=event).exists(), f"no guide for {event.name}"
    assert live.values("unit").distinct().count() >= 10
    assert live.filter(for_organisation=True).exists()
    assert live.filter(unit__kind="town").count() >= 5


def test_incomplete_guides_have_a_reason_and_one_is_stale():
    live = ServiceGuidePage.objects.live()
    incomplete = list(live.incomplete())
    assert 1 <= len(incomplete) <= 3
    assert all(guide.incomplete_reason.strip() for guide in incomplete)
    assert live.stale().count() == 1
    draft = ServiceGuidePage.objects.get(live=False)
    assert draft.missing_elements() and not draft.incomplete_reason


def test_every_live_guide_page_renders(client, django_assert_max_num_queries):
    for guide in ServiceGuidePage.objects.live():
        with django_assert_max_num_queries(22):
            assert client.get(guide.url).status_code == 200, guide.url


def test_loading_again_changes_nothing():
    before = ServiceGuidePage.objects.count()
    call_command("load_demo", "--repair", verbosity=0)
    assert ServiceGuidePage.objects.count() == before == len(GUIDES) + 1
