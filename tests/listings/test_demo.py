"""The demo's listings: at least 15 of each kind, some expired, some pending; loading again changes nothing."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from townsquare.demo.listings import ensure_listings
from townsquare.demo.loader import Tally
from townsquare.listings.models import LISTING_MODELS, Attraction, School, Status
from townsquare.units.models import Unit

pytestmark = pytest.mark.django_db


def load(now=None):
    tally = Tally()
    ensure_listings({unit.slug: unit for unit in Unit.objects.all()}, now or timezone.now(), tally)
    return tally


def test_counts_states_and_idempotence(client, county):
    first = load()
    assert sum(created for _, created, _ in first.rows()) > 100
    for kind, model in LISTING_MODELS.items():
        assert model.objects.count() >= 15, kind
        assert model.objects.expired().exists(), f"{kind}: no expired item"
        assert model.objects.live().exists(), f"{kind}: nothing live"
    for kind in ("jobs", "rentals", "offers"):
        assert LISTING_MODELS[kind].objects.filter(status=Status.PENDING).exists(), kind
    assert LISTING_MODELS["jobs"].objects.filter(status=Status.REJECTED).exclude(moderation_reason="").exists()
    assert School.objects.count() >= 15 and Attraction.objects.exists()
    again = load()
    assert sum(created for _, created, _ in again.rows()) == 0
    cache.clear()
    for kind in LISTING_MODELS:
        response = client.get(reverse(f"listings:{kind}_list"))
        assert response.status_code == 200
        assert len(response.context["items"]) == LISTING_MODELS[kind].objects.live().count()
